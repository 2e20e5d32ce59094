import { fileURLToPath } from 'node:url';
import type { Logger } from '../observability/logger.js';
import { defaultCatalogPath, loadCatalog, parseCatalog, type Catalog } from '../semantic/catalog.js';
import { readCompiledFile } from '../semantic/compiled-cache.js';
import {
  buildCues,
  defaultCuesPath,
  parseCueFile,
  readCueFile,
  type CueLexicon,
} from './understanding/cues.js';

// The compiled file of a module next to this one (.ts under tsx, .js in dist/): what reads each source is hashed
// into its cache key, so changing a schema or its defaults is seen without a version bump.
const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const codeFile = (relative: string) => fileURLToPath(new URL(`${relative}${extension}`, import.meta.url));

/** data/catalog.yml, checked; from the cache folder's compiled copy when the file and its schema are unchanged. */
export function cachedCatalog(cacheDir: string, logger?: Logger): Catalog {
  return readCompiledFile({
    name: 'catalog',
    path: defaultCatalogPath(),
    codeFiles: [codeFile('../semantic/catalog'), codeFile('../semantic/plan')],
    parse: parseCatalog,
    load: loadCatalog,
    cacheDir,
    logger,
  });
}

/** The planner's cue words (data/cues.yml), likewise. */
export function cachedCues(cacheDir: string, logger?: Logger): CueLexicon {
  const file = readCompiledFile({
    name: 'cues',
    path: defaultCuesPath(),
    codeFiles: [codeFile('./understanding/cues'), codeFile('../semantic/plan')],
    parse: parseCueFile,
    load: readCueFile,
    cacheDir,
    logger,
  });
  return buildCues(file);
}
