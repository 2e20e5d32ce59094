#!/usr/bin/env node
// Adds lockfile entries for platform-specific optional dependencies that npm left out.
//
// Why: the registry mirror these machines use lacks some platform builds (e.g. @duckdb/node-bindings-darwin-arm64),
// so `npm install` resolves nothing for them and writes no lock entry; npm 11's `npm ci` then refuses the lockfile
// ("Missing: … from lock file"). An entry marked optional with the os/cpu taken from the package name lets
// `npm ci` validate the lock and skip the package on machines it is not for. Run after changing dependencies:
//   node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = [
  'darwin',
  'linux',
  'win32',
  'freebsd',
  'openbsd',
  'android',
  'openharmony',
  'sunos',
  'aix',
  'netbsd',
];
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'loong64', 'ppc64', 's390x', 'riscv64', 'mips64el', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  const libc =
    parts.includes('musl') || parts.includes('musleabihf')
      ? 'musl'
      : parts.includes('gnu') || parts.includes('gnueabihf')
        ? 'glibc'
        : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  const optional = entry.optionalDependencies ?? {};
  for (const [name, spec] of Object.entries(optional)) {
    const key = `node_modules/${name}`;
    const nestedKey = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (packages[key] || packages[nestedKey]) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os && !cpu) continue; // not a platform build: leave it to npm
    const version = String(spec).replace(/^[\^~=]/, '');
    packages[key] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(libc ? { libc: [libc] } : {}),
    };
    added++;
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
