import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigSchema, loadConfig } from '../../../src/config/config.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const lines = readFileSync(resolve(root, '.env.example'), 'utf8').split('\n');
const ASSIGNMENT = /^([A-Z][A-Z0-9_]*)=(.*)$/;

function parseEnvExample(): Array<{ key: string; value: string; line: number }> {
  return lines.flatMap((text, line) => {
    const m = ASSIGNMENT.exec(text);
    return m ? [{ key: m[1]!, value: m[2]!, line }] : [];
  });
}

describe('.env.example', () => {
  const entries = parseEnvExample();
  const documented = entries.map((e) => e.key);
  const schemaKeys = Object.keys(ConfigSchema.shape);

  it('lists exactly the variables of the config schema, each once', () => {
    const missing = schemaKeys.filter((k) => !documented.includes(k));
    const unknown = documented.filter((k) => !schemaKeys.includes(k));
    expect(missing, 'in the schema but not in .env.example').toEqual([]);
    expect(unknown, 'in .env.example but not in the schema').toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('has only comments, blank lines and KEY=value lines', () => {
    const stray = lines.filter((l) => l.trim() !== '' && !l.startsWith('#') && !ASSIGNMENT.test(l));
    expect(stray).toEqual([]);
  });

  it('explains every variable in a comment right above it', () => {
    for (const { key, line } of entries) {
      expect(lines[line - 1], `${key} has no comment line above it`).toMatch(/^# \S/);
    }
  });

  it('shows the real defaults: parsing it gives the same config as an empty environment', () => {
    const env = Object.fromEntries(entries.map((e) => [e.key, e.value]));
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });
});
