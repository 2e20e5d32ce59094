import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chrono from 'chrono-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { findTimeMentions, mayNameADay } from '../../../src/agent/understanding/dates.js';
import { resolveTime } from '../../../src/agent/understanding/periods.js';
import { tokenize } from '../../../src/agent/understanding/tokens.js';
import type { TimeRange } from '../../../src/semantic/plan.js';
import { createHarness, LATEST, type Harness } from './fixture.js';

/** The fixture's Amazon orders start here; "till May 10" opens at the data's first day. */
const EARLIEST = '2022-04-05';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

/** The periods a question names, resolved against data ending on LATEST, as [from, to] pairs. */
function periods(question: string): [string, string][] {
  return findTimeMentions(question, tokenize(question), LATEST)
    .map((m) => resolveTime(m.spec, LATEST, EARLIEST))
    .filter((r): r is TimeRange => r !== undefined)
    .map((r) => [r.from, r.to]);
}

function timeOf(question: string) {
  const plan = h.planOf(question).plan;
  return { range: plan.timeRange && [plan.timeRange.from, plan.timeRange.to], compare: plan.compareTo };
}

function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

describe('single days', () => {
  it.each([
    ['revenue on the 4th of May', '2022-05-04'],
    ['orders on May 12', '2022-05-12'],
    ['revenue on 12th june', '2022-06-12'],
    // Day first, as written in India: 12/5 is 12 May.
    ['revenue on 12/5', '2022-05-12'],
    ['revenue yesterday', '2022-06-28'],
    ['revenue on the latest day', '2022-06-29'],
  ])('%s → %s', (question, day) => {
    expect(periods(question)).toEqual([[day, day]]);
    expect(timeOf(question).range).toEqual([day, day]);
  });

  it('a day number is never read as a year ("May 12" is not May 2012)', () => {
    for (const question of ['orders on May 12', 'revenue on May 22']) {
      const [[from]] = periods(question) as [[string, string]];
      expect(from.slice(0, 4), question).toBe('2022');
    }
  });
});

describe('ranges of days', () => {
  it.each([
    ['orders between May 5 and May 12', '2022-05-05', '2022-05-12'],
    ['revenue May 5-12', '2022-05-05', '2022-05-12'],
    ['revenue May 5 to 12', '2022-05-05', '2022-05-12'],
    ['revenue 5th to 12th May', '2022-05-05', '2022-05-12'],
    ['revenue from 1 may to 15 may', '2022-05-01', '2022-05-15'],
    ['revenue between 20 April and 3 May', '2022-04-20', '2022-05-03'],
    ['revenue first half of June', '2022-06-01', '2022-06-15'],
    ['revenue second half of May', '2022-05-16', '2022-05-31'],
  ])('%s → %s .. %s', (question, from, to) => {
    expect(periods(question)).toEqual([[from, to]]);
    expect(timeOf(question)).toEqual({ range: [from, to], compare: undefined });
  });

  it('"first week of May" is May 1–7; "last week of May" is its last seven days', () => {
    expect(timeOf('revenue in the first week of May').range).toEqual(['2022-05-01', '2022-05-07']);
    expect(timeOf('revenue second week of May').range).toEqual(['2022-05-08', '2022-05-14']);
    expect(timeOf('revenue last week of May').range).toEqual(['2022-05-25', '2022-05-31']);
  });

  it('"between 10 and 20 May" and "between may 10 and 20" are those days, not a threshold between 10 and 20', () => {
    expect(timeOf('revenue between 10 and 20 May').range).toEqual(['2022-05-10', '2022-05-20']);
    expect(timeOf('revenue between may 10 and 20').range).toEqual(['2022-05-10', '2022-05-20']);
    expect(periods('orders with between 10 and 20 units')).toEqual([]);
  });

  it('"the week before last" is the complete week before last week; "the month before last" is April', () => {
    expect(timeOf('orders the week before last').range).toEqual(['2022-06-13', '2022-06-19']);
    expect(timeOf('revenue the month before last').range).toEqual(['2022-04-01', '2022-04-30']);
  });
});

describe('open ranges end at the data', () => {
  it.each(['revenue since April 15', 'revenue since 15 April', 'orders since april 15th'])(
    '%s runs 2022-04-15 .. 2022-06-29 (2022, never 2015)',
    (question) => {
      expect(periods(question)).toEqual([['2022-04-15', LATEST]]);
      expect(timeOf(question).range).toEqual(['2022-04-15', LATEST]);
    },
  );

  it('"till May 10" starts where the data starts', () => {
    expect(timeOf('revenue till May 10').range).toEqual([EARLIEST, '2022-05-10']);
  });

  it('"after May 20" starts the day after', () => {
    expect(periods('revenue after May 20')).toEqual([['2022-05-21', LATEST]]);
  });

  it('"from" that governs a person is no open range: "bought from us in may 22" is May 2022', () => {
    expect(timeOf('orders bought from us in may 22').range).toEqual(['2022-05-01', '2022-05-31']);
  });

  it('"on may 22" is the day; "in may 22" is the month of 2022', () => {
    expect(timeOf('revenue on may 22').range).toEqual(['2022-05-22', '2022-05-22']);
    expect(timeOf('revenue in may 22').range).toEqual(['2022-05-01', '2022-05-31']);
  });
});

describe('relative periods resolve against the data’s last day, 2022-06-29', () => {
  it.each([
    ['revenue last 7 days', '2022-06-23', LATEST],
    ['revenue in the last 30 days', '2022-05-31', LATEST],
    ['revenue last fortnight', '2022-06-16', LATEST],
    ['revenue past two weeks', '2022-06-16', LATEST],
    ['revenue MTD', '2022-06-01', LATEST],
    ['revenue month to date', '2022-06-01', LATEST],
    ['revenue QTD', '2022-04-01', LATEST],
    ['revenue last month', '2022-05-01', '2022-05-31'],
    ['revenue this month', '2022-06-01', '2022-06-30'],
    ['revenue in Q2', '2022-04-01', '2022-06-30'],
    ['revenue in the second quarter', '2022-04-01', '2022-06-30'],
  ])('%s → %s .. %s', (question, from, to) => {
    expect(timeOf(question).range).toEqual([from, to]);
  });

  it('a period wholly outside the data is asked about, never answered as zero', () => {
    for (const question of ['revenue in Q1', 'revenue in January']) {
      const r = h.ask(question);
      expect(r.kind, question).toBe('clarify');
      if (r.kind === 'clarify') {
        expect(r.message).toContain(LATEST);
        // Each option is a month the data has.
        for (const o of r.options) expect(o.plan?.timeRange?.from ?? '', o.label).toMatch(/^2022-0[456]-01$/);
      }
    }
  });

  it('a month named without a year is the latest such month in the data', () => {
    expect(timeOf('May revenue').range).toEqual(['2022-05-01', '2022-05-31']);
    expect(timeOf('revenue in june').range).toEqual(['2022-06-01', '2022-06-30']);
    expect(timeOf('revenue in may 2022').range).toEqual(['2022-05-01', '2022-05-31']);
  });
});

describe('weeks run Monday to Sunday', () => {
  it('"last week" is the last complete Monday–Sunday week before the data’s last day', () => {
    const [from, to] = timeOf('revenue last week').range!;
    expect([from, to]).toEqual(['2022-06-20', '2022-06-26']);
    expect(weekday(from!)).toBe(1);
    expect(weekday(to!)).toBe(0);
  });

  it('"this week" is the Monday-started week holding the last day', () => {
    const [from, to] = timeOf('revenue this week').range!;
    expect(from).toBe('2022-06-27');
    expect(weekday(from!)).toBe(1);
    expect(weekday(to!)).toBe(0);
    expect(from! <= LATEST && LATEST <= to!).toBe(true);
  });

  it('"week of May 11" is the Monday–Sunday week around that day', () => {
    expect(timeOf('revenue week of May 11').range).toEqual(['2022-05-09', '2022-05-15']);
  });

  it('week over week compares the last complete week with the one before, with or without "last week"', () => {
    for (const q of ['revenue week over week for last week', 'revenue week over week', 'aov wow?'])
      expect(h.planOf(q).plan, q).toMatchObject({
        timeRange: { from: '2022-06-20', to: '2022-06-26' },
        compareTo: 'previous_period',
      });
    expect(h.planOf('revenue wow through june').plan).toMatchObject({ groupBy: ['week'] });
  });
});

describe('two periods compared', () => {
  it('"May vs April": May is the period, April the comparison', () => {
    expect(timeOf('revenue May vs April')).toEqual({
      range: ['2022-05-01', '2022-05-31'],
      compare: { from: '2022-04-01', to: '2022-04-30', label: 'April 2022' },
    });
  });

  it('the later period is the current one whichever is said first', () => {
    const plan = h.planOf('revenue april vs may by category').plan;
    expect(plan.timeRange).toMatchObject({ from: '2022-05-01', to: '2022-05-31' });
    expect(plan.compareTo).toMatchObject({ from: '2022-04-01', to: '2022-04-30' });
    expect(plan.groupBy).toEqual(['category']);
  });

  it('"April and May" without a comparison word is one period covering both', () => {
    expect(timeOf('revenue between april and may')).toEqual({
      range: ['2022-04-01', '2022-05-31'],
      compare: undefined,
    });
  });
});

describe('"may" the verb is not May the month', () => {
  it.each(['may I see revenue by category', 'May I see the orders please', 'we may want revenue by state'])(
    '%s has no period',
    (question) => {
      expect(periods(question)).toEqual([]);
      expect(h.planOf(question).plan.timeRange).toBeUndefined();
    },
  );

  it('the modal and the month in one question: only the month counts', () => {
    expect(periods('may I see the revenue for june')).toEqual([['2022-06-01', '2022-06-30']]);
    expect(timeOf('may we see May orders').range).toEqual(['2022-05-01', '2022-05-31']);
  });

  it('"May revenue" and "revenue in may" are the month', () => {
    expect(periods('May revenue')).toEqual([['2022-05-01', '2022-05-31']]);
    expect(periods('revenue in may')).toEqual([['2022-05-01', '2022-05-31']]);
  });
});

describe('mentions point at the words they came from', () => {
  it('covers the time words and only them', () => {
    const question = 'revenue by category between May 5 and May 12 please';
    const tokens = tokenize(question);
    const [mention] = findTimeMentions(question, tokens, LATEST);
    expect(mention).toBeDefined();
    const words = tokens.slice(mention!.from, mention!.to).map((t) => t.norm);
    expect(words).toContain('5');
    expect(words).toContain('12');
    expect(words).not.toContain('revenue');
    expect(words).not.toContain('category');
    expect(words).not.toContain('please');
  });

  it('finds no time in a question without one', () => {
    expect(periods('revenue by category')).toEqual([]);
    expect(periods('top 5 states by units')).toEqual([]);
  });
});

describe('chrono is skipped only where it could find no day', () => {
  const tuning = parseYaml(readFileSync(join(import.meta.dirname, '../../eval/tuning.yml'), 'utf8')) as {
    question: string;
  }[];
  const crafted = [
    'revenue today',
    'orders yesterday',
    'sales the day before yesterday',
    'revenue on monday',
    'orders last tuesday vs wednesday',
    'units this weekend',
    'revenue tomorrow',
    'revenue for the fifth of may',
    'orders since the first of june',
    'revenue a week ago',
    'orders six days back',
    'revenue by state',
  ];

  it('a question it skips has nothing chrono finds that findDays would keep (every tuning question)', () => {
    const ref = new Date(`${LATEST}T12:00:00Z`);
    // What findDays keeps of a chrono result: its text has a digit, a month name, "yesterday" or "today".
    const keepable = /\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|yesterday|today/i;
    const skipped = [...tuning.map((t) => t.question), ...crafted].filter((q) => !mayNameADay(q));
    expect(skipped.length).toBeGreaterThan(100);
    for (const question of skipped) {
      const found = chrono.en.parse(question, { instant: ref, timezone: 0 }, { forwardDate: false });
      expect(found.filter((r) => keepable.test(r.text)).map((r) => r.text)).toEqual([]);
    }
  });

  it('"yesterday", "today" and days named with a month word are still read; weekdays alone are not', () => {
    expect(periods('revenue yesterday')).toEqual([['2022-06-28', '2022-06-28']]);
    expect(periods('revenue today')).toEqual([['2022-06-29', '2022-06-29']]);
    expect(periods('revenue on the fifth of may')).toEqual([['2022-05-05', '2022-05-05']]);
    expect(periods('revenue on monday')).toEqual([]);
    expect(mayNameADay('revenue by state')).toBe(false);
  });
});

describe('fortnights, the reports’ month notation, and days beside a month', () => {
  it('"first fortnight of June" is 1–14 June; "second fortnight of May" 15–31 May', () => {
    expect(periods('first fortnight of June')).toEqual([['2022-06-01', '2022-06-14']]);
    expect(periods('second fortnight of may')).toEqual([['2022-05-15', '2022-05-31']]);
  });

  it('"may-22" is May 2022, as the reports write months ("Jun-21"), not 22 May', () => {
    expect(periods('avg mrp on the may-22 price file')).toEqual([['2022-05-01', '2022-05-31']]);
    expect(periods('orders on may 22')).toEqual([['2022-05-22', '2022-05-22']]);
  });

  it('days right beside the one month named are days of that month', () => {
    expect(periods('net revenue for the first fortnight of June (1st to 14th)')).toEqual([
      ['2022-06-01', '2022-06-14'],
    ]);
    expect(periods('revenue in May, on the 4th')).toEqual([['2022-05-04', '2022-05-04']]);
  });

  it('a day far from the month, or with no month, stays unplaced (the planner asks)', () => {
    expect(h.ask('orders on the 4th').kind).toBe('clarify');
    expect(h.ask('May revenue for kurta on the 4th').kind).toBe('clarify');
  });
});

describe('whole weeks and months', () => {
  it('"the last four full weeks" is four Monday-to-Sunday weeks ending before the partial latest week', () => {
    const [[from, to]] = periods('revenue WoW for the last four full weeks') as [[string, string]];
    expect(weekday(from)).toBe(1);
    expect(weekday(to)).toBe(0);
    expect(to < LATEST).toBe(true);
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(27);
  });

  it('"last 2 complete months" ends with the last whole month; "last 4 weeks" still ends on the latest day', () => {
    expect(periods('orders in the last 2 complete months')).toEqual([['2022-04-01', '2022-05-31']]);
    expect(periods('orders in the last 4 weeks')[0]?.[1]).toBe(LATEST);
  });
});

describe('days in words, and months joined by "into"', () => {
  it('"since apr fifteen", "the fourth of June", "june twenty-first" are the days they name', () => {
    expect(periods('rev by day since apr fifteen')).toEqual([['2022-04-15', LATEST]]);
    expect(periods('what did we book on the fourth of June')).toEqual([['2022-06-04', '2022-06-04']]);
    expect(periods('orders on june twenty-first')).toEqual([['2022-06-21', '2022-06-21']]);
    expect(periods('how much did we sell on fifteenth may')).toEqual([['2022-05-15', '2022-05-15']]);
    // Not next to a month, "first" is no day: the first week of May is still a week.
    expect(periods('revenue in the first week of may')).toEqual([['2022-05-01', '2022-05-07']]);
  });

  it('"from April into May" is May against April, not "since April"', () => {
    expect(timeOf('how much did revenue grow or shrink from April into May, in percent?')).toMatchObject({
      range: ['2022-05-01', '2022-05-31'],
      compare: { from: '2022-04-01', to: '2022-04-30' },
    });
  });

  it('a comparison with a period before the data starts is dropped, saying why, never a change from nothing', () => {
    const r = h.planOf('revenue since april vs the previous period');
    expect(r.plan.compareTo).toBeUndefined();
    expect(r.plan.timeRange?.from).toBe('2022-04-01');
    expect(r.notes?.join(' ')).toMatch(
      /The data starts on 2022-04-05, so there is no whole .* to compare with/,
    );
  });
});

describe('weeks ending on a day, the middle of a month', () => {
  it('"the week ending 19 June" is 13–19 June; "week starting june 6" is 6–12 June', () => {
    expect(periods('orders by fulfilment for the week ending 19 June')).toEqual([
      ['2022-06-13', '2022-06-19'],
    ]);
    expect(periods('units week starting june 6')).toEqual([['2022-06-06', '2022-06-12']]);
    // "ending" is no typo of a status here.
    expect(h.planOf('orders for the week ending 19 June').plan.filters).toEqual([]);
  });

  it('"April through mid May" runs to the 15th; "april to may 15" too, and 15 is no year', () => {
    expect(periods('net revenue for April through mid May')).toEqual([['2022-04-01', '2022-05-15']]);
    expect(periods('revenue april to may 15')).toEqual([['2022-04-01', '2022-05-15']]);
    expect(periods('revenue since mid june')).toEqual([['2022-06-15', LATEST]]);
    // Days on both sides stay days; two months with a near year stay months.
    expect(periods('GMV from 10 May to 20 May')).toEqual([['2022-05-10', '2022-05-20']]);
    expect(periods('revenue jan to mar 22')).toEqual([
      ['2022-01-01', '2022-01-31'],
      ['2022-03-01', '2022-03-31'],
    ]);
  });
});
