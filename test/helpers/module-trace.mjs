// Preloaded with `node --import <this file> …`: records every module file the process loads and, at exit, writes
// them as JSON to MODULE_TRACE_OUT. ESM files are seen by a loader hook (module.register, its `load` step); CommonJS
// files that ESM-only hooks cannot see on Node 20 (a CJS package's own require() calls) are read from require.cache
// at exit. Together they are every JavaScript file the process evaluated, whichever module system loaded it.
import { writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const out = process.env.MODULE_TRACE_OUT;
if (out) {
  const loaded = new Set();
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url) => loaded.add(url));
  port1.unref();
  const hooks = `
    let port;
    export function initialize(data) { port = data.port; }
    export async function load(url, context, next) { port.postMessage(url); return next(url, context); }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, import.meta.url, {
    data: { port: port2 },
    transferList: [port2],
  });
  const cjs = createRequire(import.meta.url).cache;
  process.on('exit', () => {
    const files = [...loaded, ...Object.keys(cjs).map((path) => `file://${path}`)];
    writeFileSync(out, JSON.stringify([...new Set(files)]));
  });
}
