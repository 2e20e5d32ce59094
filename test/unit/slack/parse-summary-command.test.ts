import { describe, expect, it } from 'vitest';
import { parseSummaryCommand } from '../../../src/slack/parse-summary-command.js';

describe('parseSummaryCommand', () => {
  it('defaults to the latest full week with no filters', () => {
    expect(parseSummaryCommand('')).toEqual({
      kind: 'summary',
      request: {},
      description: 'the latest full week in the data',
    });
  });

  it('reads a period and filters with several values in any order', () => {
    const parsed = parseSummaryCommand('state=Maharashtra,Karnataka 2022-05 category=Kurta');
    expect(parsed).toEqual({
      kind: 'summary',
      request: {
        period: '2022-05',
        filters: [
          { dimension: 'state', values: ['Maharashtra', 'Karnataka'] },
          { dimension: 'category', values: ['Kurta'] },
        ],
      },
      description: '2022-05 (state = Maharashtra or Karnataka, category = Kurta)',
    });
  });

  it('accepts every period keyword the summary understands', () => {
    for (const p of ['week', '7d', '30d', '90d', 'month', 'all', '2022-04', 'WEEK']) {
      const parsed = parseSummaryCommand(p);
      expect(parsed.kind, p).toBe('summary');
    }
  });

  it('lets underscores stand for spaces in filter values', () => {
    const parsed = parseSummaryCommand('state=tamil_nadu');
    expect(parsed.kind === 'summary' && parsed.request.filters).toEqual([
      { dimension: 'state', values: ['tamil nadu'] },
    ]);
  });

  it('recognises help, subscribe with and without cron, unsubscribe and subscriptions', () => {
    expect(parseSummaryCommand('help')).toEqual({ kind: 'help' });
    expect(parseSummaryCommand('subscribe')).toEqual({ kind: 'subscribe' });
    expect(parseSummaryCommand('subscribe "0 8 * * 1"')).toEqual({ kind: 'subscribe', cron: '0 8 * * 1' });
    expect(parseSummaryCommand('unsubscribe')).toEqual({ kind: 'unsubscribe' });
    expect(parseSummaryCommand('subscriptions')).toEqual({ kind: 'subscriptions' });
  });

  it('explains bad input instead of guessing', () => {
    const cases: [string, string][] = [
      ['yesterday', "I don't understand `yesterday`"],
      ['2022-13', "I don't understand `2022-13`"],
      ['week month', 'Give one period, not two'],
      ['category=', 'needs a value'],
    ];
    for (const [input, message] of cases) {
      const parsed = parseSummaryCommand(input);
      expect(parsed.kind, input).toBe('invalid');
      expect(parsed.kind === 'invalid' && parsed.message, input).toContain(message);
      expect(parsed.kind === 'invalid' && parsed.message).toContain('/retail-summary help');
    }
  });
});
