import { createPlanner, type Planner } from '../../../src/agent/understanding/planner.js';
import type { Resolution } from '../../../src/agent/resolver/resolver.js';
import { loadCatalog, type Catalog } from '../../../src/semantic/catalog.js';
import { buildDataProfileWith, type DataProfile } from '../../../src/semantic/data-profile.js';
import type { Plan } from '../../../src/semantic/plan.js';
import { createFixtureDb } from '../semantic/fixture-db.js';

/**
 * The planner tests' setup (as in planner.test.ts): the real catalog and a data profile read from the small
 * in-memory fixture database, never the real data set. The Amazon orders there run 2022-04-05 .. 2022-06-29.
 *
 * A few values the fixture rows lack are added to the profile so that questions about them can be asked:
 * the state KERALA, the category Blouse, the pending statuses, Expedited shipping, the Non-Amazon channel, the Easy Ship programme and the stock levels the inventory CASE expression can produce.
 */
export const catalog: Catalog = loadCatalog();

export async function buildProfile(): Promise<DataProfile> {
  const db = await createFixtureDb();
  try {
    const profile = await buildDataProfileWith(async (sql) => ({ rows: await db.query(sql) }), catalog);
    const amazon = profile.values.amazon_sales!;
    amazon.state = [...(amazon.state ?? []), 'KERALA'];
    amazon.category = [...(amazon.category ?? []), 'Blouse'];
    amazon.status = [...(amazon.status ?? []), 'Pending', 'Pending - Waiting for Pick Up'];
    amazon.service_level = [...new Set([...(amazon.service_level ?? []), 'Standard', 'Expedited'])];
    amazon.sales_channel = [...new Set([...(amazon.sales_channel ?? []), 'Amazon.in', 'Non-Amazon'])];
    // The real report marks merchant orders shipped through Amazon's Easy Ship programme; the fixture rows leave it blank.
    if (catalog.dimensions.fulfilled_by) amazon.fulfilled_by = [...(amazon.fulfilled_by ?? []), 'Easy Ship'];
    const inventory = profile.values.inventory!;
    inventory.stock_level = [
      ...new Set([...(inventory.stock_level ?? []), 'In stock', 'Low stock', 'Out of stock']),
    ];
    return profile;
  } finally {
    db.close();
  }
}

export interface Harness {
  planner: Planner;
  profile: DataProfile;
  ask(question: string, previousPlan?: Plan): Resolution;
  /** The plan a question resolves to; throws (failing the test with the resolution) when it is not a plan. */
  planOf(question: string, previousPlan?: Plan): Extract<Resolution, { kind: 'plan' }>;
  /** A thread: the first question, then each reply against the plan before it. Returns every plan. */
  thread(...questions: string[]): Plan[];
}

export async function createHarness(): Promise<Harness> {
  const profile = await buildProfile();
  const planner = createPlanner({ catalog, profile });
  const ask = (question: string, previousPlan?: Plan): Resolution =>
    planner.resolveSync({ question, history: [], ...(previousPlan ? { previousPlan } : {}) });
  const planOf = (question: string, previousPlan?: Plan) => {
    const r = ask(question, previousPlan);
    if (r.kind !== 'plan')
      throw new Error(`"${question}" → ${r.kind}: ${'message' in r ? r.message : ''} ${JSON.stringify(r)}`);
    return r;
  };
  // Each reply sees the plan before it and the one before that, as the Assistant's thread memory keeps them.
  const thread = (...questions: string[]) => {
    const plans: Plan[] = [];
    for (const question of questions) {
      const [priorPlan, previousPlan] = [plans.at(-2), plans.at(-1)];
      const r = planner.resolveSync({
        question,
        history: [],
        ...(previousPlan ? { previousPlan } : {}),
        ...(priorPlan ? { priorPlan } : {}),
      });
      if (r.kind !== 'plan') throw new Error(`"${question}" → ${r.kind}: ${JSON.stringify(r)}`);
      plans.push(r.plan);
    }
    return plans;
  };
  return { planner, profile, ask, planOf, thread };
}

/** Where the fixture's Amazon orders end: relative periods resolve against it. */
export const LATEST = '2022-06-29';

/** A revenue plan on the Amazon orders with the given fields: a thread's previous plan, written by hand. */
export function planWith(p: Partial<Plan>): Plan {
  return {
    source: 'amazon_sales',
    metrics: ['revenue'],
    groupBy: [],
    filters: [],
    share: false,
    chart: 'auto',
    ...p,
  };
}
