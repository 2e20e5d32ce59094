#!/usr/bin/env node
/**
 * Bundles the compiled CLI (dist/cli/main.js, from `tsc`) into dist/bundle/ with esbuild: the entry plus one chunk
 * per dynamic import(), so each command still loads only what it uses, but as a few files instead of ~1,000
 * (module resolution and per-file ESM linking were most of a warm `ask`'s start-up; issue 15).
 * Run by `npm run build` after tsc; bin/retail-insights.js imports dist/bundle/cli.js.
 *
 * Left outside the bundle (imported from node_modules at run time): packages with native code (DuckDB, canvas),
 * pino (its transports start worker threads by file path), ioredis (reads its own package.json by __dirname), and
 * the chart and Slack libraries, which `ask` without a chart never loads anyway.
 *
 * Each module's `import.meta.url` keeps pointing at its own compiled file in dist/, so paths computed from it
 * (data/catalog.yml, data/cues.yml, the query worker, the project's cache folder) resolve as they do unbundled.
 */
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(root, 'dist/bundle');

export const EXTERNAL = [
  '@duckdb/*',
  'canvas',
  '@napi-rs/*',
  'pino',
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
      const own = `new URL(${JSON.stringify(relative(outdir, args.path))}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', own), loader: 'js' };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'dist/cli/main.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // One folder, so every output file sits at the same depth (the import.meta.url rewrite depends on it).
  outdir,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  external: EXTERNAL,
  // Bundled CommonJS packages call require() for Node built-ins; an ES module has none, so give it one.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);",
  },
  plugins: [ownImportMetaUrl],
  // Less text for V8 to scan on every start; identifiers keep their names (stack traces, class names).
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
