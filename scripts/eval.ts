/**
 * `npm run eval [-- --data-dir DIR] [--via assistant|planner] [--category C] [--json]`: the evaluation set through
 * the same CLI command (`retail-insights eval`), so both print the same report.
 */
import { runCli } from '../src/cli/main.js';

const code = await runCli(['eval', ...process.argv.slice(2)]);
process.exitCode = code;
