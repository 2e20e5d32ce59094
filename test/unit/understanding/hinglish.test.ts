import { beforeAll, describe, expect, it } from 'vitest';
import { fromHinglish } from '../../../src/agent/understanding/hinglish.js';
import { createHarness, type Harness } from './fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describe('Hinglish words for periods, rankings and "every" are read as their English', () => {
  it('puts the words in English and keeps the particles', () => {
    expect(fromHinglish('is hafte sabse zyada units kis size ke bike?')).toBe(
      'this week most units which size ke sold?',
    );
    expect(fromHinglish('revenue by state in may')).toBe('revenue by state in may');
  });

  it('"har state ka order count chahiye, May wala" is orders by state in May, never Karnataka', () => {
    const { plan } = h.planOf('bhai har state ka order count chahiye, May wala');
    expect(plan).toMatchObject({ metrics: ['orders'], groupBy: ['state'] });
    expect(plan.filters).toEqual([]);
    expect(plan.timeRange).toMatchObject({ from: '2022-05-01', to: '2022-05-31' });
  });

  it('"KA" typed as a code after its dimension is still Karnataka', () => {
    const { plan } = h.planOf('state KA revenue');
    expect(plan.filters).toContainEqual({ dimension: 'state', op: 'in', values: ['KARNATAKA'] });
  });

  it('"pichle mahine kitne orders" is last month\'s orders', () => {
    const { plan } = h.planOf('pichle mahine kitne orders?');
    expect(plan.metrics).toEqual(['orders']);
    expect(plan.timeRange).toMatchObject({ from: '2022-05-01', to: '2022-05-31' });
  });
});
