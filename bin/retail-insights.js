#!/usr/bin/env node
// Thin launcher: the compiled CLI, bundled into dist/bundle/ (built by `npm run build`, which `npm ci` runs through
// `prepare`; see scripts/bundle-cli.mjs).
import { runCli } from '../dist/bundle/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
