// Loads the bundled CLI (dist/bundle/cli.cjs, see scripts/bundle-cli.mjs) with V8's code cache: compiling the
// bundle's ~3 MB and the functions a command runs took a fifth of a warm `ask` (issue 15); with the cache from an
// earlier run of the same command, V8 takes the compiled code as it is. Node 20 has no built-in compile cache
// (module.enableCompileCache is Node 22), hence vm.Script and its cachedData, which Node has had for years.
//
// The cache: <CACHE_DIR or the project's .cache>/compiled/cli-<command>-<key>.v8, key = the bundle's size and
// mtime and the Node version. V8 checks the data itself and rejects what does not fit (then it is rewritten);
// a missing or read-only cache folder only costs the speed-up.
import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist/bundle/cli.cjs');

/** The bundled CLI's exports (runCli) and a function that saves the code cache once the command has run. */
export function loadCli(argv, env = process.env) {
  const source = readSource();
  const cachePath = codeCachePath(argv, env);
  const cachedData = readOrUndefined(cachePath);
  // The CommonJS wrapper, as Node's own loader writes it.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __import) { ${source}\n})`;
  const script = new Script(wrapped, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} };
  // The bundle's import() of ES modules outside it (the chart renderer, by absolute URL) comes through here.
  const importModule = (url) => import(url);
  script.runInThisContext()(
    module.exports,
    createRequire(bundle),
    module,
    bundle,
    dirname(bundle),
    importModule,
  );
  const saveCodeCache = () => {
    if (cachedData && !script.cachedDataRejected) return;
    writeAtomically(cachePath, script.createCachedData());
  };
  return { runCli: module.exports.runCli, saveCodeCache };
}

// The build writes the bundle as pure ASCII (scripts/ascii-bundle.mjs): read so, it is a one-byte string, made in
// a few ms where decoding it as UTF-8 took ~10 ms and twice the memory. Any other file is read as UTF-8.
function readSource() {
  const bytes = readFileSync(bundle);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function codeCachePath(argv, env) {
  const { size, mtimeMs } = statSync(bundle);
  const key = createHash('sha256')
    .update(`${size}:${mtimeMs}:${process.version}:${process.arch}`)
    .digest('hex')
    .slice(0, 16);
  // One cache per command: each holds the functions its command compiled (--help compiles few, ask many).
  const command = argv.find((a) => !a.startsWith('-')) ?? 'help';
  const name = /^[a-z-]{1,20}$/.test(command) ? command : 'other';
  const cacheDir = env.CACHE_DIR ? resolve(env.CACHE_DIR) : join(root, '.cache');
  return join(cacheDir, 'compiled', `cli-${name}-${key}.v8`);
}

function readOrUndefined(path) {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function writeAtomically(path, data) {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
    // The same command's caches for an older bundle or Node go.
    const prefix = basename(path).replace(/[^-]+\.v8$/, '');
    for (const file of readdirSync(dirname(path))) {
      if (file.startsWith(prefix) && file.endsWith('.v8') && file !== basename(path))
        rmSync(join(dirname(path), file));
    }
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nowhere to write: the next start compiles again.
    }
  }
}
