import { createRequire } from 'node:module';
import type * as YamlLibrary from 'yaml';

/**
 * `yaml`'s parse, with the library loaded on the first call instead of at import: a start whose catalog and cue
 * words come from the compiled copies in the cache folder (compiled-cache.ts) never loads it (issue 15).
 * The package ships CommonJS, so a synchronous require() keeps the callers synchronous.
 */
export function parseYaml(text: string): unknown {
  const yaml = createRequire(import.meta.url)('yaml') as typeof YamlLibrary;
  return yaml.parse(text);
}
