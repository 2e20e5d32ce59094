import { beforeAll, describe, expect, it } from 'vitest';
import { loadCues } from '../../../src/agent/understanding/cues.js';
import { findTimeMentions } from '../../../src/agent/understanding/dates.js';
import { buildLexicon, type Lexicon } from '../../../src/agent/understanding/lexicon.js';
import { tag, type Span, type SpanReading } from '../../../src/agent/understanding/tagging.js';
import { correctSpelling } from '../../../src/agent/understanding/spelling.js';
import { tokenize } from '../../../src/agent/understanding/tokens.js';
import { catalog, createHarness, LATEST, type Harness } from './fixture.js';

let h: Harness;
let lexicon: Lexicon;
beforeAll(async () => {
  h = await createHarness();
  lexicon = buildLexicon(catalog, h.profile, loadCues());
});

function spansOf(question: string): Span[] {
  const tokens = tokenize(question);
  return tag(tokens, lexicon, findTimeMentions(question, tokens, LATEST));
}

/** The readings of the span holding exactly these words. */
function readingsOf(question: string, words: string): SpanReading[] {
  const span = spansOf(question).find((s) => s.text === words);
  if (!span) throw new Error(`no span "${words}" in "${question}": ${spansOf(question).map((s) => s.text)}`);
  return span.readings;
}

const metricIds = (readings: SpanReading[]) => readings.flatMap((r) => (r.kind === 'metric' ? [r.id] : []));
const valuesIn = (readings: SpanReading[], dimension: string) =>
  readings.flatMap((r) => (r.kind === 'value' && r.dimension === dimension ? r.values : []));

describe('the lattice covers every word once', () => {
  it('spans tile the tokens in order, with the raw text kept', () => {
    const question = 'Top 5 states by revenue in MH since April 15';
    const spans = spansOf(question);
    let next = 0;
    for (const s of spans) {
      expect(s.from).toBe(next);
      expect(s.to).toBeGreaterThan(s.from);
      next = s.to;
    }
    expect(next).toBe(tokenize(question).length);
    expect(spans.find((s) => s.text === 'mh')?.raw).toBe('MH');
  });

  it('the longest phrase with a meaning wins a position ("sales channel" is not sales + channel)', () => {
    const spans = spansOf('revenue by sales channel');
    expect(spans.map((s) => s.text)).toEqual(['revenue', 'by', 'sales channel']);
    expect(readingsOf('revenue by sales channel', 'sales channel')).toContainEqual(
      expect.objectContaining({ kind: 'dimension', id: 'sales_channel' }),
    );
  });

  it('a time phrase is one span', () => {
    const spans = spansOf('orders between May 5 and May 12 by category');
    const time = spans.find((s) => s.readings.some((r) => r.kind === 'time'));
    expect(time?.text).toBe('between may 5 and may 12');
  });

  it('a phrase that ends where a breakdown starts gives way to it ("per order status" is no AOV)', () => {
    expect(spansOf('line count per order status').map((s) => s.text)).toEqual([
      'line count',
      'per',
      'order status',
    ]);
    expect(readingsOf('revenue per order', 'revenue per order')).toContainEqual(
      expect.objectContaining({ kind: 'metric', id: 'aov' }),
    );
  });

  it('a name typed without its vowels is still that name ("custmrs", "ordrs"); a short unknown word is not', () => {
    expect(readingsOf('top custmrs', 'custmrs')).toContainEqual(
      expect.objectContaining({ kind: 'dimension', id: 'customer' }),
    );
    expect(readingsOf('ordrs by state', 'ordrs')).toContainEqual(
      expect.objectContaining({ kind: 'metric', id: 'orders' }),
    );
    expect(readingsOf('revenue blrf', 'blrf')).toEqual([]);
  });

  it('a word nobody knows has no reading (and the planner can name it)', () => {
    expect(readingsOf('revenue blorf', 'blorf')).toEqual([]);
  });
});

describe('typing slips in measure and breakdown words', () => {
  const corrected = (q: string) => correctSpelling(tokenize(q), lexicon).map((t) => t.norm);

  it('a dropped, doubled or swapped letter is read as the one word it slips from', () => {
    expect(corrected('retrun rate by catgory')).toEqual(['return', 'rate', 'by', 'category']);
    expect(corrected('revennue by sate')).toEqual(['revenue', 'by', 'sate']);
    expect(corrected('best sellin size')).toEqual(['best', 'selling', 'size']);
  });

  it('a real word, another form of one, or a value is left as typed', () => {
    expect(corrected('stick with the one in third place')).toEqual([
      'stick',
      'with',
      'the',
      'one',
      'in',
      'third',
      'place',
    ]);
    expect(corrected('kurta orders')).toEqual(['kurta', 'orders']);
  });

  it('the planner reads the corrected phrase: "retrun rate by catgory" is the return rate by category', () => {
    const { plan } = h.planOf('retrun rate by catgory for april');
    expect(plan.metrics).toEqual(['return_rate']);
    expect(plan.groupBy).toEqual(['category']);
  });
});

describe('metric words', () => {
  it.each([
    ['rev by category', 'rev', 'revenue'],
    ['what is our GMV', 'gmv', 'revenue'],
    ['how much did we bring in', 'bring in', 'revenue'],
    ['run rate in June', 'run rate', 'daily_revenue'],
    ['AOV by month', 'aov', 'aov'],
    ['qty by size', 'qty', 'units'],
    ['cancellation rate by state', 'cancellation rate', 'cancel_rate'],
  ])('"%s": "%s" is %s', (question, words, metric) => {
    expect(metricIds(readingsOf(question, words))).toContain(metric);
  });

  it.each([
    ['rev by category', 'revenue'],
    ['what is our GMV', 'revenue'],
    ['how much did we bring in last month', 'revenue'],
    ['run rate in June', 'daily_revenue'],
    ['what was the daily run rate last month', 'daily_revenue'],
    ['AOV by month', 'aov'],
    ['GMV by state', 'revenue'],
  ])('%s → %s', (question, metric) => {
    expect(h.planOf(question).plan.metrics).toEqual([metric]);
  });

  it('"how many … sold" counts units, whatever is sold', () => {
    for (const question of [
      'how many did we sell in June',
      'how many kurtas did we sell',
      'how many sets sold in May',
      'how many kurtas sold',
      'how many pieces sold last month',
    ]) {
      expect(h.planOf(question).plan.metrics, question).toEqual(['units']);
    }
  });

  it('"sold" beside a named measure is only the verb', () => {
    expect(h.planOf('units sold by category').plan.metrics).toEqual(['units']);
    expect(h.planOf('which category sold the most units').plan).toMatchObject({
      metrics: ['units'],
      groupBy: ['category'],
    });
  });
});

describe('places: state codes and city short forms', () => {
  it.each([
    ['MH', 'MAHARASHTRA'],
    ['KA', 'KARNATAKA'],
    ['TN', 'TAMIL NADU'],
  ])('%s is the state %s', (code, state) => {
    expect(valuesIn(readingsOf(`revenue in ${code}`, code.toLowerCase()), 'state')).toEqual([state]);
    const r = h.planOf(`revenue in ${code}`);
    expect(r.plan.filters).toEqual([{ dimension: 'state', op: 'in', values: [state] }]);
    // The answer says how the short form was read.
    expect(r.notes.join(' ')).toContain(state);
  });

  it('blr and hyd are the cities, every spelling of them in the data', () => {
    expect(valuesIn(readingsOf('revenue in blr', 'blr'), 'city').sort()).toEqual([
      'BENGALURU',
      'BENGALURU 560037',
    ]);
    const hyd = h.planOf('units in hyd').plan.filters;
    expect(hyd).toHaveLength(1);
    expect(hyd[0]).toMatchObject({ dimension: 'city', op: 'in' });
    expect([...hyd[0]!.values].sort()).toEqual(['HYDERABAD', 'Hyderabad']);
  });

  it('codes combine with the rest of the question', () => {
    expect(h.planOf('orders in KA last month by category').plan).toMatchObject({
      metrics: ['orders'],
      groupBy: ['category'],
      filters: [{ dimension: 'state', op: 'in', values: ['KARNATAKA'] }],
      timeRange: { from: '2022-05-01', to: '2022-05-31' },
    });
  });
});

describe('stock levels: OOS and out of stock', () => {
  const outOfStock = { dimension: 'stock_level', op: 'in', values: ['Out of stock'] };

  it('"OOS" and "out of stock" name the stock level of the inventory report', () => {
    expect(valuesIn(readingsOf('number of skus OOS', 'oos'), 'stock_level')).toEqual(['Out of stock']);
    const spans = spansOf('how many skus are out of stock');
    const levels = spans.flatMap((s) => valuesIn(s.readings, 'stock_level'));
    expect(levels).toEqual(['Out of stock']);
  });

  it.each(['number of skus OOS', 'how many SKUs are out of stock', 'sku count out of stock'])(
    '%s counts SKUs on inventory, out of stock only',
    (question) => {
      const plan = h.planOf(question).plan;
      expect(plan.source).toBe('inventory');
      expect(plan.metrics).toEqual(['sku_count']);
      expect(plan.filters).toEqual([outOfStock]);
    },
  );

  /** Every reading of a question: the plan, or each option's plan when it asks back. */
  const readingsOfQuestion = (question: string) => {
    const r = h.ask(question);
    return r.kind === 'plan' ? [r.plan] : r.kind === 'clarify' ? r.options.map((o) => o.plan) : [];
  };

  it('"which skus are out of stock" lists SKUs on inventory, out of stock only', () => {
    const plans = readingsOfQuestion('which skus are out of stock');
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan).toMatchObject({ source: 'inventory', groupBy: ['sku'], filters: [outOfStock] });
    }
  });

  it('"OOS by category" is about inventory out of stock, by category, whichever measure', () => {
    const plans = readingsOfQuestion('OOS by category');
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan).toMatchObject({ source: 'inventory', groupBy: ['category'], filters: [outOfStock] });
    }
  });

  it('"stock by stock level" breaks stock down by the stock_level dimension', () => {
    expect(h.planOf('stock by stock level').plan).toMatchObject({
      source: 'inventory',
      metrics: ['stock'],
      groupBy: ['stock_level'],
    });
  });
});

describe('fulfilment: FBA, merchant, easy ship', () => {
  it.each([
    ['FBA revenue', 'Amazon'],
    ['fba orders last month', 'Amazon'],
    ['revenue fulfilled by amazon', 'Amazon'],
    ['merchant revenue', 'Merchant'],
    ['merchant orders in May', 'Merchant'],
  ])('%s → fulfilment %s', (question, value) => {
    expect(h.planOf(question).plan.filters).toEqual([{ dimension: 'fulfilment', op: 'in', values: [value] }]);
  });

  /** Easy Ship is the merchant's Amazon shipping programme: its own column, or merchant fulfilment. */
  const easyShip = [
    [{ dimension: 'fulfilled_by', op: 'in', values: ['Easy Ship'] }],
    [{ dimension: 'fulfilment', op: 'in', values: ['Merchant'] }],
  ];

  it.each(['easy ship orders', 'orders via easy ship', 'revenue for easyship', 'easy ship revenue in May'])(
    '%s keeps only Easy Ship orders',
    (question) => {
      expect(easyShip).toContainEqual(h.planOf(question).plan.filters);
    },
  );

  it('"easy ship" is one span naming a value, not two ordinary words', () => {
    const readings = readingsOf('easy ship orders', 'easy ship');
    const named = [...valuesIn(readings, 'fulfilled_by'), ...valuesIn(readings, 'fulfilment')];
    expect(named.length).toBeGreaterThan(0);
    expect(['Easy Ship', 'Merchant']).toEqual(expect.arrayContaining(named));
  });

  it('FBA vs merchant keeps both, broken down by fulfilment', () => {
    expect(h.planOf('FBA vs merchant revenue').plan).toMatchObject({
      metrics: ['revenue'],
      groupBy: ['fulfilment'],
      filters: [{ dimension: 'fulfilment', op: 'in', values: ['Amazon', 'Merchant'] }],
    });
  });
});

describe('"top" ranks, "tops" is the category Top', () => {
  it('both readings sit in the lattice; ranking is only for the word as typed', () => {
    expect(readingsOf('top 3 categories', 'top')).toContainEqual(
      expect.objectContaining({ kind: 'cue', cue: 'rankDesc' }),
    );
    const tops = readingsOf('tops revenue', 'tops');
    expect(valuesIn(tops, 'category')).toEqual(['Top']);
    expect(tops).not.toContainEqual(expect.objectContaining({ kind: 'cue', cue: 'rankDesc' }));
  });

  it('in plans', () => {
    expect(h.planOf('tops revenue').plan.filters).toEqual([
      { dimension: 'category', op: 'in', values: ['Top'] },
    ]);
    expect(h.planOf('revenue from tops in May').plan.filters).toEqual([
      { dimension: 'category', op: 'in', values: ['Top'] },
    ]);
    const ranked = h.planOf('top 3 categories by revenue').plan;
    expect(ranked.filters).toEqual([]);
    expect(ranked).toMatchObject({ groupBy: ['category'], limit: 3, sort: { direction: 'desc' } });
  });

  it('"Top revenue in June vs May" ranks nothing, so "Top" is the category; "top revenue by state" still ranks', () => {
    expect(h.planOf('How did Top revenue in June compare with May?').plan.filters).toEqual([
      { dimension: 'category', op: 'in', values: ['Top'] },
    ]);
    const ranked = h.planOf('top revenue by state').plan;
    expect(ranked.filters).toEqual([]);
    expect(ranked.groupBy).toEqual(['state']);
  });
});

describe('values from the data, forgivingly', () => {
  it('a value on several reports keeps each, for the plan’s report to pick', () => {
    const sources = readingsOf('Set revenue', 'set').flatMap((r) =>
      r.kind === 'value' && r.dimension === 'category' ? [r.source] : [],
    );
    expect(sources).toEqual(expect.arrayContaining(['amazon_sales', 'inventory']));
    expect(h.planOf('Set revenue').plan).toMatchObject({ source: 'amazon_sales' });
    expect(h.planOf('stock for Set').plan).toMatchObject({
      source: 'inventory',
      filters: [{ dimension: 'category', values: ['Set'] }],
    });
  });

  it('an ordinary word that is also a value stays a word outside a value context', () => {
    expect(h.planOf('set up a revenue by state view').plan.filters).toEqual([]);
  });

  it('a typo is matched but lowers the score, an exact match does not', () => {
    const typo = valuesIn(readingsOf('sales in maharastra', 'maharastra'), 'state');
    expect(typo).toEqual(['MAHARASHTRA']);
    const reading = readingsOf('sales in maharastra', 'maharastra').find((r) => r.kind === 'value');
    expect(reading?.score).toBeLessThan(1);
    const exact = readingsOf('sales in maharashtra', 'maharashtra').find((r) => r.kind === 'value');
    expect(exact?.score).toBe(1);
  });
});

describe('value indexes built ahead, one step at a time (start-up)', () => {
  it('match exactly as the indexes built on first use, and the steps end', () => {
    const ahead = buildLexicon(catalog, h.profile, loadCues());
    let steps = 0;
    while (ahead.buildNextIndex()) steps++;
    expect(steps).toBeGreaterThan(3);
    expect(ahead.buildNextIndex()).toBe(false);
    const onFirstUse = buildLexicon(catalog, h.profile, loadCues());
    for (const phrase of ['kurta', 'kurtas', 'maharastra', 'bengaluru', 'western dress', 'set', 'xyz'])
      for (const fuzzy of [true, false])
        expect(ahead.valuesOf(phrase, { fuzzy })).toEqual(onFirstUse.valuesOf(phrase, { fuzzy }));
    expect(ahead.nearestValues('kurtta', 'amazon_sales')).toEqual(
      onFirstUse.nearestValues('kurtta', 'amazon_sales'),
    );
  });
});

describe('words split and joined', () => {
  it('"export/wholesale" and "KA/TN" are two words; "w/w" and "w/o" stay one', () => {
    expect(tokenize('total export/wholesale rev').map((t) => t.norm)).toEqual([
      'total',
      'export',
      'wholesale',
      'rev',
    ]);
    expect(tokenize('KA/TN gmv').map((t) => t.norm)).toEqual(['ka', 'tn', 'gmv']);
    expect(tokenize('gmv w/w w/o promo').map((t) => t.norm)).toEqual(['gmv', 'w/w', 'w/o', 'promo']);
  });

  it('"number of order lines" counts order lines; a value ending where a measure starts stays ("low stock count")', () => {
    expect(spansOf('give me the number of order lines').map((s) => s.text)).toContain('order lines');
    expect(spansOf('low stock count kurta sets').map((s) => s.text)).toContain('low stock');
  });
});
