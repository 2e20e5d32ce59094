import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ConfigSchema, loadConfig } from '../../../src/config/config.js';
import { createHealthRoutes, HEALTH_PATHS } from '../../../src/observability/health.js';
import { startHealthServer, type HealthServer } from '../../../src/observability/health-server.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import { createRedactor } from '../../../src/observability/redact.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are checked field by field below */
type K8s = Record<string, any>;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const manifestsDir = join(root, 'manifests');
const baseDir = join(manifestsDir, 'base');
const overlayDir = join(manifestsDir, 'overlays', 'example');
const SCHEMA_KEYS = new Set(Object.keys(ConfigSchema.shape));
const SECRET_KEYS = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'OPENAI_API_KEY',
  'REDIS_URL',
];
const PLACEHOLDER = 'REPLACE_ME';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function parseFile(path: string): K8s[] {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'));
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${relative(root, path)}: ${doc.errors[0]!.message}`);
  }
  return docs.map((d) => d.toJS() as K8s).filter((d) => d !== null);
}

const files = yamlFiles(manifestsDir);
const objectsByFile = new Map(files.map((f) => [f, parseFile(f)] as const));
const baseKustomization = parseFile(join(baseDir, 'kustomization.yaml'))[0]!;
const overlayKustomization = parseFile(join(overlayDir, 'kustomization.yaml'))[0]!;
const baseObjects: K8s[] = (baseKustomization.resources as string[]).flatMap((r) =>
  parseFile(join(baseDir, r)),
);
const secretTemplate = parseFile(join(baseDir, 'secret.example.yaml'));
const all = [...baseObjects, ...secretTemplate];

function find(kind: string, name: string): K8s {
  const found = all.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in manifests/base`);
  return found;
}
const deployment = find('Deployment', 'retail-insights');
const podSpec: K8s = deployment.spec.template.spec;
const app: K8s = podSpec.containers.find((c: K8s) => c.name === 'app');
const configMap = find('ConfigMap', 'retail-insights-config');
const appSecret = find('Secret', 'retail-insights-secrets');
const workloads = baseObjects.filter((o) =>
  ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind),
);
const containersOf = (w: K8s): K8s[] => [
  ...(w.spec.template.spec.initContainers ?? []),
  ...w.spec.template.spec.containers,
];

describe('manifest files', () => {
  it('every YAML file parses and every object has apiVersion, kind and a name', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const [file, objects] of objectsByFile) {
      expect(objects.length, relative(root, file)).toBeGreaterThan(0);
      for (const o of objects) {
        if (o.kind === 'Kustomization' || Array.isArray(o)) continue; // kustomization / JSON 6902 patches
        if (file.includes('overlays') && o.kind === 'ConfigMap') continue; // strategic-merge patch
        expect(o.apiVersion, relative(root, file)).toBeTruthy();
        expect(o.kind, relative(root, file)).toBeTruthy();
        expect(o.metadata?.name, relative(root, file)).toBeTruthy();
      }
    }
  });

  it('kustomization resources and patches exist, and no base manifest is forgotten', () => {
    for (const [dir, k] of [
      [baseDir, baseKustomization],
      [overlayDir, overlayKustomization],
    ] as const) {
      for (const r of k.resources as string[]) {
        const path = join(dir, r);
        expect(existsSync(path), `${relative(root, path)} (resource)`).toBe(true);
        if (statSync(path).isDirectory()) expect(existsSync(join(path, 'kustomization.yaml'))).toBe(true);
      }
      for (const p of (k.patches ?? []) as K8s[]) {
        expect(existsSync(join(dir, p.path)), `${relative(root, join(dir, p.path))} (patch)`).toBe(true);
      }
    }
    const listed = new Set([...(baseKustomization.resources as string[]), 'kustomization.yaml']);
    // The Secret template is left out on purpose: `apply -k` must never overwrite real secrets.
    const unlisted = readdirSync(baseDir).filter((f) => f.endsWith('.yaml') && !listed.has(f));
    expect(unlisted).toEqual(['secret.example.yaml']);
  });

  it('the example overlay changes things that exist in the base', () => {
    const baseImages = workloads.flatMap((w) => containersOf(w).map((c) => String(c.image).split(':')[0]));
    for (const image of overlayKustomization.images as K8s[]) expect(baseImages).toContain(image.name);
    for (const r of overlayKustomization.replicas as K8s[]) {
      expect(baseObjects.some((o) => o.kind === 'Deployment' && o.metadata.name === r.name)).toBe(true);
    }
    for (const p of overlayKustomization.patches as K8s[]) {
      if (!p.target) continue;
      expect(
        baseObjects.some((o) => o.kind === p.target.kind && o.metadata.name === p.target.name),
        `${p.target.kind}/${p.target.name}`,
      ).toBe(true);
    }
  });
});

describe('the app workload', () => {
  it('runs 2 replicas with a PodDisruptionBudget, an autoscaler, a Service and an Ingress for /slack/events', () => {
    expect(deployment.spec.replicas).toBe(2);
    const podLabels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(podLabels);

    const pdb = baseObjects.find((o) => o.kind === 'PodDisruptionBudget')!;
    expect(pdb.spec.selector.matchLabels).toEqual(podLabels);
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);

    const hpa = baseObjects.find((o) => o.kind === 'HorizontalPodAutoscaler')!;
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'retail-insights' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);

    const service = find('Service', 'retail-insights');
    expect(service.spec.selector).toEqual(podLabels);
    const portNames = app.ports.map((p: K8s) => p.name);
    for (const p of service.spec.ports) expect(portNames).toContain(p.targetPort);

    const ingress = baseObjects.find((o) => o.kind === 'Ingress')!;
    const paths = ingress.spec.rules.flatMap((r: K8s) => r.http.paths);
    expect(paths.map((p: K8s) => p.path)).toEqual(['/slack/events']);
    expect(paths[0].backend.service.name).toBe('retail-insights');
    expect(service.spec.ports.map((p: K8s) => p.name)).toContain(paths[0].backend.service.port.name);
    expect(ingress.spec.tls?.[0]?.hosts).toContain(ingress.spec.rules[0].host);
  });

  it('probes hit the health module’s endpoints on the port the app listens on', () => {
    expect(app.readinessProbe.httpGet.path).toBe(HEALTH_PATHS.readiness);
    expect(app.livenessProbe.httpGet.path).toBe(HEALTH_PATHS.liveness);
    expect(app.startupProbe.httpGet.path).toBe(HEALTH_PATHS.startup);
    const port = app.ports.find((p: K8s) => p.name === app.readinessProbe.httpGet.port);
    expect(port, 'probe port is a named container port').toBeDefined();
    for (const probe of [app.livenessProbe, app.startupProbe]) expect(probe.httpGet.port).toBe(port.name);
    expect(port.containerPort).toBe(Number(configMap.data.PORT));
    const annotations = deployment.spec.template.metadata.annotations;
    expect(annotations['prometheus.io/path']).toBe(HEALTH_PATHS.metrics);
    expect(Number(annotations['prometheus.io/port'])).toBe(port.containerPort);
  });

  it('sets requests and limits on every container, and keeps DuckDB under the memory limit', () => {
    for (const w of workloads) {
      for (const c of containersOf(w)) {
        for (const r of ['cpu', 'memory']) {
          expect(c.resources?.requests?.[r], `${w.metadata.name}/${c.name} requests.${r}`).toBeTruthy();
          expect(c.resources?.limits?.[r], `${w.metadata.name}/${c.name} limits.${r}`).toBeTruthy();
        }
      }
    }
    expect(bytes(configMap.data.DUCKDB_MEMORY_LIMIT)).toBeLessThan(bytes(app.resources.limits.memory) * 0.75);
  });

  it('runs as non-root without privilege escalation', () => {
    for (const w of workloads) {
      const pod = w.spec.template.spec;
      expect(pod.securityContext?.runAsNonRoot, w.metadata.name).toBe(true);
      expect(pod.securityContext?.runAsUser, w.metadata.name).toBeGreaterThan(0);
      for (const c of containersOf(w)) {
        expect(c.securityContext?.allowPrivilegeEscalation, c.name).toBe(false);
        expect(c.securityContext?.capabilities?.drop, c.name).toContain('ALL');
      }
    }
  });

  it('gives a graceful shutdown the time it is configured to take', () => {
    const preStopSeconds = Number(app.lifecycle?.preStop?.exec?.command?.[1] ?? 0);
    const shutdownSeconds = Number(configMap.data.SHUTDOWN_TIMEOUT_MS) / 1000;
    expect(preStopSeconds + shutdownSeconds).toBeLessThan(podSpec.terminationGracePeriodSeconds);
  });

  it('sets an image with an explicit tag on every container', () => {
    for (const w of workloads) {
      for (const c of containersOf(w)) {
        expect(c.image, `${w.metadata.name}/${c.name}`).toMatch(/^[\w.\-/]+:[\w.-]+$/);
        expect(c.image).not.toMatch(/:latest$/);
      }
    }
  });

  it('has Redis with persistence', () => {
    const redis = baseObjects.find((o) => o.kind === 'StatefulSet')!;
    expect(redis.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBeTruthy();
    const mount = redis.spec.template.spec.containers[0].volumeMounts[0];
    expect(mount.name).toBe(redis.spec.volumeClaimTemplates[0].metadata.name);
    expect(redis.spec.template.spec.containers[0].command.join(' ')).toContain('--appendonly yes');
    const service = find('Service', redis.spec.serviceName);
    expect(appSecret.stringData.REDIS_URL).toContain(
      `@${service.metadata.name}:${service.spec.ports[0].port}`,
    );
  });
});

describe('configuration in the manifests', () => {
  it('uses only variables of the config schema (ConfigMap, Secret, Deployment env)', () => {
    const names = [
      ...Object.keys(configMap.data),
      ...Object.keys(appSecret.stringData),
      ...(app.env ?? []).map((e: K8s) => e.name),
    ];
    expect(names.filter((n) => !SCHEMA_KEYS.has(n))).toEqual([]);
    const refs = app.envFrom.map((e: K8s) => e.configMapRef?.name ?? e.secretRef?.name);
    expect(refs.sort()).toEqual(['retail-insights-config', 'retail-insights-secrets']);
  });

  it('holds settings the app accepts', () => {
    expect(() => loadConfig({ ...configMap.data, ...appSecret.stringData })).not.toThrow();
    const overlaySettings = parseFile(join(overlayDir, 'settings.yaml'))[0]!;
    expect(Object.keys(overlaySettings.data).filter((n) => !SCHEMA_KEYS.has(n))).toEqual([]);
    expect(() => loadConfig({ ...configMap.data, ...overlaySettings.data })).not.toThrow();
  });

  it('keeps secrets out of plain text', () => {
    for (const secret of all.filter((o) => o.kind === 'Secret')) {
      expect(secret.data, `${secret.metadata.name} must use stringData placeholders`).toBeUndefined();
      for (const [key, value] of Object.entries(secret.stringData as Record<string, string>)) {
        expect(value === '' || value.includes(PLACEHOLDER), `${secret.metadata.name}.${key}`).toBe(true);
      }
    }
    for (const key of SECRET_KEYS) expect(Object.keys(configMap.data)).not.toContain(key);
    for (const w of workloads) {
      for (const c of containersOf(w)) {
        for (const e of c.env ?? []) {
          if (SECRET_KEYS.includes(e.name) || /PASSWORD|TOKEN|SECRET|KEY/.test(e.name)) {
            expect(e.value, `${c.name} env ${e.name} must come from a Secret`).toBeUndefined();
          }
        }
      }
    }
    const redactor = createRedactor();
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replaceAll(`:${PLACEHOLDER}@`, '@');
      expect(redactor.redactString(text), `${relative(root, file)} contains something secret-shaped`).toBe(
        text,
      );
    }
  });
});

describe('probe paths answer on the real health server', () => {
  let server: HealthServer;
  beforeAll(async () => {
    const routes = createHealthRoutes({
      probes: { warehouse: () => true, redis: async () => 'ok' },
      metrics: createMetrics({ defaultMetrics: false }),
    });
    server = await startHealthServer({ routes, port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  it('every probe path in the Deployment returns 200 when healthy', async () => {
    const probePaths = [app.readinessProbe, app.livenessProbe, app.startupProbe].map((p) => p.httpGet.path);
    const annotated = deployment.spec.template.metadata.annotations['prometheus.io/path'];
    for (const path of [...probePaths, annotated]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
  });
});

function bytes(size: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]i?B?|)$/i.exec(size.trim());
  if (!m) throw new Error(`unreadable size ${size}`);
  const unit = m[2]!.toUpperCase().replace(/B$/, '');
  const power = { '': 0, K: 1, M: 2, G: 3, T: 4, KI: 1, MI: 2, GI: 3, TI: 4 }[unit] ?? NaN;
  return Number(m[1]) * (unit.endsWith('I') || unit === '' ? 1024 : 1000) ** power;
}
