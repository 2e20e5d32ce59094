/**
 * `npm run eval [-- --data-dir DIR] [--set tuning|held-out|all|FILE] [--via assistant|planner] [--category C]
 * [--min-accuracy X] [--min-held-out-accuracy X] [--json]`: the evaluation sets through the same CLI command
 * (`retail-insights eval`), so both print the same report.
 */
import { runCli } from '../src/cli/main.js';

const code = await runCli(['eval', ...process.argv.slice(2)]);
process.exitCode = code;
