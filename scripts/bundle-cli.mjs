#!/usr/bin/env node
/**
 * Bundles the compiled CLI (dist/cli/main.js, from `tsc`) into one CommonJS file, dist/bundle/cli.cjs, with esbuild
 * (issue 15). Module resolution and per-file ESM linking of ~1,000 files were most of a warm `ask`'s start-up; one
 * file also lets bin/load-cli.js keep V8's code cache for it, so later starts skip compiling it. Each command still
 * evaluates only what it uses: code reached through a dynamic import() is wrapped by esbuild and run on first use.
 * Run by `npm run build` after tsc.
 *
 * DuckDB's JavaScript API and pino are inside the bundle: loading their ~150 files from node_modules (resolution,
 * compiling without a code cache) took over 100 ms of a warm `ask` under the profiler. DuckDB's native binding (the platform package's
 * duckdb.node) is still required from node_modules at run time. pino's pretty transport runs thread-stream's
 * worker by file path: `__bundlerPathsOverrides` (below) points it at the file in node_modules.
 *
 * Left outside the bundle (required from node_modules at run time): native code (DuckDB's binding, canvas),
 * pino-pretty (a dev dependency, loaded inside the transport's worker thread), ioredis (reads its own package.json
 * by __dirname), and the chart and Slack libraries, which `ask` without a chart never loads anyway.
 *
 * Each module's `import.meta.url` keeps pointing at its own compiled file in dist/, so paths computed from it
 * (data/catalog.yml, data/cues.yml, the query worker, the project's cache folder) resolve as they do unbundled.
 */
import { build } from 'esbuild';
import { asciiBundle } from './ascii-bundle.mjs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(root, 'dist/bundle');
const outfile = resolve(outdir, 'cli.cjs');

const EXTERNAL = [
  // The platform packages of DuckDB's binding (@duckdb/node-bindings-linux-x64, …): only a duckdb.node each.
  '@duckdb/node-bindings-*',
  '*.node',
  'canvas',
  '@napi-rs/*',
  'pino-pretty',
  'ioredis',
  '@slack/bolt',
  'vega',
  'vega-lite',
];

/** Rewrites `import.meta.url` in each of our compiled files to that file's own URL, relative to the bundle. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\/dist\/.*\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const path = JSON.stringify(relative(outdir, args.path));
      const own = `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${path})).href`;
      return { contents: text.replaceAll('import.meta.url', own), loader: 'js' };
    });
  },
};

/**
 * The chart renderer stays the compiled ES modules in dist/charts/, imported with a real import() on the first
 * chart: vega is an ES module graph with top-level await, which require() (all a CommonJS bundle has) cannot load.
 * Its own imports of our small shared modules (errors, formats, theme) load from dist/ beside it.
 */
const chartsOutside = {
  name: 'charts-outside',
  setup(b) {
    b.onResolve({ filter: /\/charts\/index\.js$/ }, (args) => ({
      path: `./${relative(outdir, resolve(args.resolveDir, args.path))}`,
      external: true,
    }));
  },
};

/**
 * pino's transports (pino-pretty on a terminal) start thread-stream's worker by a path next to its own file,
 * which a bundle does not have: pino and thread-stream look the paths up here first (their documented hook for
 * bundlers); the getters find the files in node_modules when a transport starts.
 */
const WORKER_PATHS = `(() => {
  const paths = (globalThis.__bundlerPathsOverrides ??= {});
  const fileOf = (name) => {
    const { dirname, join } = require('node:path');
    const pino = require.resolve('pino/package.json');
    if (name === 'pino-worker') return join(dirname(pino), 'lib/worker.js');
    return join(dirname(require('node:module').createRequire(pino).resolve('thread-stream/package.json')), 'lib/worker.js');
  };
  for (const name of ['thread-stream-worker', 'pino-worker'])
    if (!Object.prototype.hasOwnProperty.call(paths, name))
      Object.defineProperty(paths, name, { enumerable: true, configurable: true, get: () => fileOf(name) });
})();`;

await rm(outdir, { recursive: true, force: true });
const built = await build({
  write: false,
  absWorkingDir: root,
  entryPoints: ['dist/cli/main.js'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile,
  external: EXTERNAL,
  plugins: [ownImportMetaUrl, chartsOutside],
  // Keep import() of what is outside the bundle an import(), not a require().
  supported: { 'dynamic-import': true },
  // Less text for V8 to scan on every start; identifiers keep their names (stack traces, class names).
  minifyWhitespace: true,
  minifySyntax: true,
  banner: { js: WORKER_PATHS },
  logLevel: 'warning',
});
// The import() of the chart renderer goes through `__import`, a parameter bin/load-cli.js passes in: V8 drops a
// script's own import() callback when it comes from the code cache ("A dynamic import callback was not specified").
const [output] = built.outputFiles;
const dynamicImport = /\bimport\("(\.[^"]+)"\)/g;
const text = output.text.replace(
  dynamicImport,
  (_, path) =>
    `__import(require("node:url").pathToFileURL(require("node:path").join(__dirname, ${JSON.stringify(path)})).href)`,
);
if (dynamicImport.test(text)) throw new Error('an import() was left in the bundle');
await mkdir(outdir, { recursive: true });
await writeFile(outfile, asciiBundle(text));
