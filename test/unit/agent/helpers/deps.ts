import type { GraphDeps } from '../../../../src/agent/graph-deps.js';
import type { Resolver } from '../../../../src/agent/resolver/resolver.js';
import { createLogger } from '../../../../src/observability/logger.js';
import { loadCatalog, type Catalog } from '../../../../src/semantic/catalog.js';
import type { Warehouse } from '../../../../src/warehouse/types.js';

let catalog: Catalog | undefined;
export function testCatalog(): Catalog {
  catalog ??= loadCatalog();
  return catalog;
}

export const silentLogger = createLogger({ level: 'silent' });

export function graphDeps(
  warehouse: Warehouse,
  resolver: Resolver,
  extra: Partial<GraphDeps> = {},
): GraphDeps {
  return {
    resolver,
    warehouse,
    catalog: testCatalog(),
    logger: silentLogger,
    canRepair: false,
    ...extra,
  };
}

export const MAY_2022 = { from: '2022-05-01', to: '2022-05-31', label: 'May 2022' };
export const APRIL_2022 = { from: '2022-04-01', to: '2022-04-30', label: 'April 2022' };
