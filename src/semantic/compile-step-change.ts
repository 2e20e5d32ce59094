import type { Catalog, MetricDef } from './catalog.js';
import type { CompiledColumn } from './compile-plan.js';
import type { Plan } from './plan.js';
import { quoteIdent } from './sql-literal.js';

/**
 * "revenue by week, WoW", "MoM growth by month": each bucket of a date series beside the one before it, as a
 * previous value and a change (relative for amounts, in points for rates), the columns a comparison carries. The
 * first bucket has no previous one, so its change is NULL, never 0. Other breakdowns each get a series of their own.
 */
export function addStepChange(
  plan: Plan,
  catalog: Catalog,
  metrics: { id: string; def: MetricDef }[],
  parts: { select: string[]; columns: CompiledColumn[]; definitions: string[] },
): void {
  const grain = plan.groupBy.find((d) => catalog.dimensions[d]?.grain);
  if (!plan.stepChange || !grain) return;
  const others = plan.groupBy.filter((d) => d !== grain).map((d) => `cur.${quoteIdent(d)}`);
  const window = `OVER (${others.length ? `PARTITION BY ${others.join(', ')} ` : ''}ORDER BY cur.${quoteIdent(grain)})`;
  const unit = catalog.dimensions[grain]!.label.toLowerCase();
  for (const m of metrics) {
    const id = quoteIdent(m.id);
    const before = `LAG(cur.${id}) ${window}`;
    const points = m.def.format === 'percent';
    parts.select.push(`${before} AS ${quoteIdent(`${m.id}_previous`)}`);
    parts.select.push(
      points
        ? `CAST(cur.${id} - ${before} AS DOUBLE) AS ${quoteIdent(`${m.id}_change`)}`
        : `CAST(cur.${id} - ${before} AS DOUBLE) / NULLIF(ABS(${before}), 0) AS ${quoteIdent(`${m.id}_change`)}`,
    );
    parts.columns.push(
      {
        name: `${m.id}_previous`,
        role: 'previous',
        ref: m.id,
        label: `${m.def.label} (${unit} before)`,
        format: m.def.format,
      },
      {
        name: `${m.id}_change`,
        role: 'change',
        ref: m.id,
        label: `${m.def.label} change on the ${unit} before`,
        format: points ? 'points' : 'change',
      },
    );
    parts.definitions.push(
      points
        ? `${m.def.label} change = this ${unit} − the ${unit} before, in percentage points.`
        : `${m.def.label} change = (this ${unit} − the ${unit} before) / the ${unit} before.`,
    );
  }
}
