import type { ValidationOutcome } from '../shared-state.js';
import type { SummaryPart, SummaryStateType, SummaryStateUpdate } from './summary-state.js';

/**
 * summary_validation: without its KPIs there is no summary; a missing section (trend, tops, mix) is a warning that
 * names it. Nothing is repaired: the plans are fixed, so another pass would run the same queries.
 */
export function summaryValidationNode() {
  return async function summaryValidation(state: SummaryStateType): Promise<SummaryStateUpdate> {
    const started = performance.now();
    return {
      validationStatus: validateSummary(state.summaryParts),
      timingsMs: { validate: performance.now() - started },
    };
  };
}

export function validateSummary(parts: readonly SummaryPart[]): ValidationOutcome {
  const reasons: string[] = [];
  const kpis = parts.find((p) => p.id === 'kpis');
  if (!kpis?.result) {
    return {
      status: 'FAILED',
      reasons: [kpis?.error?.message ?? 'The summary figures could not be computed.'],
      repairable: false,
    };
  }
  for (const part of parts) {
    if (part.error)
      reasons.push(`The ${part.id.replace('_', ' ')} section is missing: ${part.error.message}`);
  }
  return { status: reasons.length ? 'WARNING' : 'PASSED', reasons, repairable: false };
}
