import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { generateSampleData } from '../../../src/data-gen/generate.js';
import {
  defaultSampleProfilePath,
  loadSampleProfile,
  parseSampleProfile,
} from '../../../src/data-gen/sample-profile.js';

/**
 * SHA-256 of each CSV written for 2,000 rows and seed 7, recorded with the generator as it was before its profile
 * moved from a TypeScript literal into data/sample-profile.yml. Moving data must not move a byte; a deliberate
 * change to the generator or the profile updates these (and says so in its commit).
 */
const GOLDEN_CSV_SHA256: Record<string, string> = {
  'Amazon Sale Report.csv': '9a11e871dcd0845f6053c6d0b8d3101ca768e3d9080a831b5e7313ae9ad4c2ce',
  'International sale Report.csv': 'e547e44444f0edd48a6f660253e9eea8cb1906b16c35c1db4094162ceeaee65f',
  'May-2022.csv': '6afb6c6e811d7c61fb5783905a9f995d7d339b6511635a3fe3c2b7a30c0522cb',
  'P  L March 2021.csv': '8af8a942013ea79145eec680c75955520f47ecd8eb66176c48d93debd6fe1939',
  'Sale Report.csv': '7fa000cd0a4e86cbff27eb1713f007eba495b26dbe9e658cb54d04e38cb9b8dc',
};

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sample-profile-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function csvHashes(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of (await readdir(dir)).sort()) {
    hashes[file] = createHash('sha256')
      .update(await readFile(join(dir, file)))
      .digest('hex');
  }
  return hashes;
}

describe('sample profile (data/sample-profile.yml)', () => {
  it('validates and carries the real export figures the generator needs', () => {
    const profile = loadSampleProfile();
    expect(profile.amazonRows).toBe(128_975);
    expect(profile.categories.map((c) => c.name)).toContain('kurta');
    expect(profile.dayOfWeekFactor).toHaveLength(7);
    // YAML would read an unquoted 408 as a number; the schema insists on the three-digit string.
    expect(profile.orderIdPrefixes.every(([prefix]) => typeof prefix === 'string')).toBe(true);
  });

  it('rejects a profile with a wrong field, naming the path', async () => {
    const raw = parseYaml(await readFile(defaultSampleProfilePath(), 'utf8')) as Record<string, unknown>;
    const broken = stringifyYaml({ ...raw, dayOfWeekFactor: [1, 1, 1], cityCasing: [['shouting', 1]] });
    expect(() => parseSampleProfile(broken)).toThrow(/dayOfWeekFactor[\s\S]*cityCasing/);
    expect(() => parseSampleProfile(stringifyYaml({ ...raw, extra: 1 }))).toThrow(/unrecognized key/i);
    expect(() => loadSampleProfile(join(root, 'missing.yml'))).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('generates byte-identical CSV files to the generator before the profile moved to a data file', async () => {
    const dir = join(root, 'golden');
    await generateSampleData({ outDir: dir, rows: 2000, seed: 7 });
    expect(await csvHashes(dir)).toEqual(GOLDEN_CSV_SHA256);
  });

  it('samples from the profile it is given', async () => {
    const profile = loadSampleProfile();
    const dir = join(root, 'given');
    await generateSampleData({
      outDir: dir,
      rows: 2000,
      seed: 7,
      profile: { ...profile, corePromotion: 'A DIFFERENT CORE PROMOTION' },
    });
    const amazon = await readFile(join(dir, 'Amazon Sale Report.csv'), 'utf8');
    expect(amazon).toContain('A DIFFERENT CORE PROMOTION');
    expect(amazon).not.toContain(profile.corePromotion);
  });
});
