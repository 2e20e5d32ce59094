import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigSchema, loadConfig } from '../../../src/config/config.js';
import { HEALTH_PATHS } from '../../../src/observability/health.js';

// No Docker engine here: the Dockerfile is checked statically, instruction by instruction.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  image: string;
  name?: string;
  body: Instruction[];
}

function parseDockerfile(text: string): { args: Map<string, string>; stages: Stage[] } {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of logical) {
    const m = /^(\S+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const op = m[1]!.toUpperCase();
    const rest = m[2]!.replace(/\s+/g, ' ');
    if (op === 'FROM') {
      const [, image, name] = /^(\S+)(?: AS (\S+))?$/i.exec(rest) ?? [];
      stages.push({
        image: image!.replace(/\$\{(\w+)\}/g, (_, v: string) => args.get(v) ?? ''),
        name,
        body: [],
      });
    } else if (op === 'ARG' && stages.length === 0) {
      const [k, v] = rest.split('=');
      args.set(k!, v ?? '');
    } else stages.at(-1)?.body.push({ op, args: rest });
  }
  return { args, stages };
}

const { stages } = parseDockerfile(readFileSync(resolve(root, 'Dockerfile'), 'utf8'));
const runtime = stages.at(-1)!;
const build = stages[0]!;
const ops = (stage: Stage, op: string) => stage.body.filter((i) => i.op === op).map((i) => i.args);
const dockerignore = readFileSync(resolve(root, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('Dockerfile', () => {
  it('is multi-stage: a build stage, then a slim runtime on a pinned, supported Node LTS', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build.name).toBeTruthy();
    // An exact release of an LTS line still supported (22 or 24), never a floating tag like node:20-slim.
    expect(runtime.image).toMatch(/^node:(22|24)\.\d+\.\d+-(bookworm|trixie)-slim(@sha256:[0-9a-f]{64})?$/);
    expect(ops(build, 'RUN').join('\n')).toMatch(/npm ci\b/);
    expect(ops(build, 'RUN').join('\n')).toContain('npm run build');
  });

  it('installs production dependencies only in the runtime, without re-running the build', () => {
    const install = ops(runtime, 'RUN').find((r) => r.includes('npm ci'));
    expect(install).toBeDefined();
    expect(install).toContain('--omit=dev');
    expect(install).toContain('--ignore-scripts');
    const copies = ops(runtime, 'COPY');
    expect(copies).toContain(`--from=${build.name} /app/dist ./dist`);
    expect(ops(runtime, 'RUN').join('\n')).not.toContain('npm run build');
  });

  it('installs the chart font', () => {
    expect(ops(runtime, 'RUN').join('\n')).toMatch(/apt-get install[^&]*\bfonts-dejavu-core\b/);
  });

  it('runs as a non-root user', () => {
    const users = ops(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    // USER must come after the steps that need root (apt-get, chown), i.e. it is the user at run time.
    const lastRoot = runtime.body.findLastIndex((i) => i.op === 'RUN' && /apt-get|chown/.test(i.args));
    expect(runtime.body.findLastIndex((i) => i.op === 'USER')).toBeGreaterThan(lastRoot);
  });

  it('has a HEALTHCHECK on the liveness endpoint', () => {
    const [healthcheck] = ops(runtime, 'HEALTHCHECK');
    expect(healthcheck).toContain(HEALTH_PATHS.liveness);
    expect(healthcheck).toContain('process.env.PORT');
  });

  it('starts the way `npm start` does', () => {
    const cmd = JSON.parse(ops(runtime, 'CMD').at(-1)!) as string[];
    expect([pkg.scripts.start, 'npm start']).toContain(cmd.join(' '));
  });

  it('takes its settings from the environment: only schema variables, data dir and Redis URL not baked in', () => {
    const envNames = ops(runtime, 'ENV').flatMap((e) => [...e.matchAll(/(\w+)=/g)].map((m) => m[1]!));
    const schemaKeys = Object.keys(ConfigSchema.shape);
    expect(envNames.filter((n) => !schemaKeys.includes(n))).toEqual([]);
    expect(envNames).not.toContain('DATA_DIR');
    expect(envNames).not.toContain('REDIS_URL');
    const env = Object.fromEntries(
      ops(runtime, 'ENV').flatMap((e) => [...e.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])),
    );
    expect(() => loadConfig(env)).not.toThrow();
    expect(ops(runtime, 'EXPOSE')).toContain(String(loadConfig(env).PORT));
  });

  it('copies only what exists and never .env, tests or the sample-data cache', () => {
    for (const stage of stages) {
      for (const copy of ops(stage, 'COPY')) {
        if (copy.startsWith('--from=')) continue;
        const sources = copy
          .split(' ')
          .filter((p) => !p.startsWith('--'))
          .slice(0, -1);
        for (const source of sources) {
          expect(source, 'COPY of the whole context would ship everything').not.toMatch(/^\.\/?$/);
          expect(source).not.toMatch(/(^|\/)(\.env|test|\.cache)(\/|$)/);
          expect(existsSync(resolve(root, source)), `${source} exists`).toBe(true);
          expect(ignoredBy(source), `${source} is excluded by .dockerignore`).toBeUndefined();
        }
      }
    }
  });
});

describe('.dockerignore', () => {
  it('keeps secrets, tests, caches, build output and git out of the build context', () => {
    for (const entry of ['.env', 'test', '.cache', 'node_modules', 'dist', '.git']) {
      expect(dockerignore, entry).toContain(entry);
    }
    expect(dockerignore).toContain('.env.*');
    expect(dockerignore.some((l) => l.startsWith('!.env'))).toBe(false);
  });
});

/** The last matching .dockerignore pattern decides, as Docker reads it: "!scripts/x.mjs" lets one file back in. */
function ignoredBy(path: string): string | undefined {
  const clean = path.replace(/^\.\//, '').replace(/\/$/, '');
  const matches = (pattern: string) =>
    new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`).test(clean);
  let ignored: string | undefined;
  for (const pattern of dockerignore) {
    if (pattern.startsWith('!')) {
      if (matches(pattern.slice(1))) ignored = undefined;
    } else if (matches(pattern)) ignored = pattern;
  }
  return ignored;
}
