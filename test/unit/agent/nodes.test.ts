import { END } from '@langchain/langgraph';
import { describe, expect, it } from 'vitest';
import { validateResult } from '../../../src/agent/nodes/validation.js';
import { describeColumns } from '../../../src/agent/columns.js';
import { NODE } from '../../../src/agent/node-names.js';
import { routeAfterResolution, routeAfterValidation } from '../../../src/agent/routes.js';
import { AgentState, type AgentStateType } from '../../../src/agent/state.js';
import { resolveSummaryPeriod } from '../../../src/agent/summary/summary-period.js';
import type { SummaryPart } from '../../../src/agent/summary/summary-state.js';
import { validateSummary } from '../../../src/agent/summary/summary-validation.js';
import type { Plan } from '../../../src/semantic/plan.js';
import type { QueryResult, SchemaInfo } from '../../../src/warehouse/types.js';
import { testCatalog } from './helpers/deps.js';

const plan: Plan = {
  source: 'amazon_sales',
  metrics: ['revenue'],
  groupBy: ['category'],
  filters: [],
  share: true,
  chart: 'auto',
};
const result = (rows: QueryResult['rows'], truncated = false): QueryResult => ({
  columns: [
    { name: 'category', type: 'VARCHAR' },
    { name: 'revenue', type: 'DECIMAL(38,2)' },
    { name: 'share', type: 'DOUBLE' },
  ],
  rows,
  truncated,
  elapsedMs: 1,
});
const compiled = [
  {
    name: 'category',
    role: 'dimension' as const,
    ref: 'category',
    label: 'Category',
    format: 'text' as const,
  },
  { name: 'revenue', role: 'metric' as const, ref: 'revenue', label: 'Revenue', format: 'inr' as const },
  { name: 'share', role: 'share' as const, ref: 'revenue', label: 'Share', format: 'percent' as const },
];
const validate = (r: QueryResult) => validateResult(r, describeColumns(r, compiled), plan, testCatalog());

describe('validation node checks', () => {
  it('passes a plausible result', () => {
    expect(
      validate(
        result([
          ['Set', 600, 0.6],
          ['Kurta', 400, 0.4],
        ]),
      ),
    ).toEqual({ status: 'PASSED', reasons: [], repairable: false });
  });
  it('fails a share above 100 %, shares adding to more than 100 %, and a negative amount', () => {
    expect(validate(result([['Set', 600, 1.2]])).status).toBe('FAILED');
    expect(
      validate(
        result([
          ['Set', 600, 0.7],
          ['Kurta', 400, 0.6],
        ]),
      ).reasons[0],
    ).toMatch(/add up to 130.0%/);
    expect(validate(result([['Set', -5, 0.5]])).reasons[0]).toMatch(/negative/);
  });
  it('says when long text values were cut to the cell size cap', () => {
    const v = validate({ ...result([['Set', 600, 0.6]]), cellsCut: 2 });
    expect(v.status).toBe('WARNING');
    expect(v.reasons).toContain('2 very long text values were cut to 4,000 characters (…).');
  });
  it('notes truncation, blank values and a blank group', () => {
    const v = validate(
      result(
        [
          ['Set', null, null],
          [null, 400, 1],
        ],
        true,
      ),
    );
    expect(v.status).toBe('WARNING');
    expect(v.reasons.join(' ')).toMatch(/first 2 rows/);
    expect(v.reasons.join(' ')).toMatch(/1 of 2 values of Revenue are blank/);
    expect(v.reasons.join(' ')).toMatch(/no category/);
  });
  it('explains an empty result', () => {
    const v = validateResult(
      result([]),
      describeColumns(result([]), compiled),
      {
        ...plan,
        filters: [
          { dimension: 'category', op: 'in', values: ['Kurta'] },
          { dimension: 'state', op: 'in', values: ['Karnataka'] },
        ],
        timeRange: { from: '2022-05-01', to: '2022-05-31', label: 'May 2022' },
      },
      testCatalog(),
    );
    expect(v).toEqual({
      status: 'WARNING',
      reasons: ['No orders for Kurta in Karnataka in May 2022.'],
      repairable: false,
    });
  });
});

function state(patch: Partial<AgentStateType>): AgentStateType {
  const defaults = Object.fromEntries(
    Object.entries(AgentState.spec).map(([k, ch]) => [
      k,
      (ch as unknown as { initialValueFactory?: () => unknown }).initialValueFactory?.(),
    ]),
  );
  return { ...defaults, ...patch } as AgentStateType;
}

describe('routes', () => {
  it('after resolution: clarify/refuse → clarification, presentation-only with a stored answer → end', () => {
    expect(
      routeAfterResolution(state({ resolution: { kind: 'refuse', message: 'x', resolvedBy: 'planner' } })),
    ).toBe(NODE.CLARIFICATION);
    const p = {
      kind: 'plan' as const,
      plan,
      confidence: 1,
      notes: [],
      resolvedBy: 'planner' as const,
      presentationOnly: true,
    };
    expect(routeAfterResolution(state({ resolution: p, hasPreviousAnswer: true }))).toBe(END);
    expect(routeAfterResolution(state({ resolution: p, hasPreviousAnswer: false }))).toBe(
      NODE.DATA_EXTRACTION,
    );
  });
  it('after validation: repair only a repairable failure, only when allowed, at most maxRepairs times', () => {
    const failed = { status: 'FAILED' as const, reasons: ['x'], repairable: true };
    const policy = { canRepair: true, maxRepairs: 2 };
    expect(routeAfterValidation(state({ validationStatus: failed, iteration: 1 }), policy)).toBe(
      NODE.QUERY_RESOLUTION,
    );
    expect(routeAfterValidation(state({ validationStatus: failed, iteration: 2 }), policy)).toBe(
      NODE.QUERY_RESOLUTION,
    );
    expect(routeAfterValidation(state({ validationStatus: failed, iteration: 3 }), policy)).toBe(
      NODE.SYNTHESIS,
    );
    expect(
      routeAfterValidation(state({ validationStatus: failed, iteration: 1 }), {
        ...policy,
        canRepair: false,
      }),
    ).toBe(NODE.SYNTHESIS);
    expect(
      routeAfterValidation(
        state({ validationStatus: { ...failed, status: 'WARNING' }, iteration: 1 }),
        policy,
      ),
    ).toBe(NODE.SYNTHESIS);
  });
});

describe('summary periods (relative to the data, not today)', () => {
  const schema: SchemaInfo = {
    tables: [
      {
        name: 'amazon_sales',
        description: '',
        rowCount: 1,
        columns: [],
        dateRange: { column: 'order_date', from: '2022-03-31', to: '2022-06-29' },
      },
    ],
  };
  it('defaults to the latest full Monday–Sunday week vs the week before', () => {
    const p = resolveSummaryPeriod(undefined, schema);
    expect(p.period).toMatchObject({ from: '2022-06-20', to: '2022-06-26' });
    expect(p.compareTo).toMatchObject({ from: '2022-06-13', to: '2022-06-19' });
  });
  it('handles 7d, 30d, month, YYYY-MM and all', () => {
    expect(resolveSummaryPeriod('7d', schema).period).toMatchObject({ from: '2022-06-23', to: '2022-06-29' });
    expect(resolveSummaryPeriod('30d', schema).compareTo).toMatchObject({
      from: '2022-05-01',
      to: '2022-05-30',
    });
    expect(resolveSummaryPeriod('month', schema).period).toMatchObject({
      from: '2022-05-01',
      to: '2022-05-31',
      label: 'May 2022',
    });
    expect(resolveSummaryPeriod('2022-04', schema).compareTo).toMatchObject({
      from: '2022-03-01',
      to: '2022-03-31',
    });
    const all = resolveSummaryPeriod('all', schema);
    expect(all.period).toMatchObject({ from: '2022-03-31', to: '2022-06-29' });
    expect(all.compareTo).toBeUndefined();
  });
  it('rejects unknown periods and months without data, saying what works', () => {
    expect(() => resolveSummaryPeriod('fortnight', schema)).toThrow(/'7d', '30d'/);
    expect(() => resolveSummaryPeriod('2023-01', schema)).toThrow(/covers 2022-03-31 to 2022-06-29/);
  });
});

describe('summary validation', () => {
  const part = (id: SummaryPart['id'], extra: Partial<SummaryPart> = {}): SummaryPart => ({
    id,
    plan: { ...plan, share: false },
    ...extra,
  });
  const ok = result([['Set', 100, 1]]);
  it('fails without the KPIs, with the KPI query’s own message', () => {
    const failed = validateSummary([
      part('kpis', { error: { code: 'QUERY_FAILED', message: 'The query failed.' } }),
      part('trend', { result: ok }),
    ]);
    expect(failed).toEqual({ status: 'FAILED', reasons: ['The query failed.'], repairable: false });
  });
  it('warns about a missing section by name, and passes when every part has rows', () => {
    const missing = validateSummary([
      part('kpis', { result: ok }),
      part('status_mix', { error: { code: 'DATA_UNAVAILABLE', message: 'No order file.' } }),
    ]);
    expect(missing).toEqual({
      status: 'WARNING',
      reasons: ['The status mix section is missing: No order file.'],
      repairable: false,
    });
    expect(validateSummary([part('kpis', { result: ok }), part('trend', { result: ok })]).status).toBe(
      'PASSED',
    );
  });
});
