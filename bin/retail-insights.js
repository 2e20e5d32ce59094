#!/usr/bin/env node
// Thin launcher: the compiled CLI, bundled into dist/bundle/cli.cjs (built by `npm run build`, which `npm ci` runs
// through `prepare`), loaded with V8's code cache (bin/load-cli.js).
import { loadCli } from './load-cli.js';

const argv = process.argv.slice(2);
if (argv.length === 0 || argv[0] === 'help' || argv.includes('--help')) {
  // Help text needs only the command table: the compiled CLI layer (a few small files) instead of the bundle.
  const { runCli } = await import('../dist/cli/main.js');
  process.exitCode = await runCli(argv);
} else {
  const { runCli, saveCodeCache } = loadCli(argv);
  process.exitCode = await runCli(argv);
  saveCodeCache();
}
