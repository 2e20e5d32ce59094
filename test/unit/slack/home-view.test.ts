import { describe, expect, it } from 'vitest';
import { dataStatus } from '../../../src/semantic/data-availability.js';
import { homeView } from '../../../src/slack/blocks/home-view.js';
import type { LoadReport } from '../../../src/warehouse/types.js';

const report: LoadReport = {
  dataDir: '/data',
  files: [
    {
      file: 'Amazon Sale Report.csv',
      recognisedAs: 'inventory',
      table: 'inventory',
      rowsRead: 2,
      rowsLoaded: 2,
      rowsRejected: 0,
      rejected: [],
      notes: [],
    },
  ],
  unrecognisedFiles: [],
  fromCache: false,
  elapsedMs: 1,
  status: { kind: 'degraded', problems: ['"x.csv" has a header but no data rows.'] },
};

describe('App Home', () => {
  it('shows what loaded, what did not and why, and the load caveat', () => {
    const view = homeView(
      { tables: [{ name: 'inventory', description: '', rowCount: 2, columns: [] }] },
      dataStatus(report),
    );
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('What loaded');
    expect(text).toContain(
      'Order: not loaded. \\"Amazon Sale Report.csv\\" holds the inventory report (Sale Report), not the order report.',
    );
    expect(text).toContain('Inventory: loaded from \\"Amazon Sale Report.csv\\".');
    expect(text).toContain('Caveat: the data files did not pass the load checks');
  });
});
