import type {
  Alternative,
  Answer,
  Assistant,
  SummaryRequest,
  ThreadState,
  Turn,
} from '../../../src/agent/answer.js';
import type { Plan } from '../../../src/semantic/plan.js';
import type { ThreadStore } from '../../../src/state/thread-store.js';
import { summaryThreadState, toStored } from '../../../src/agent/thread-turn.js';

/**
 * A fake Assistant for transport-only tests: a plain object implementing the interface with canned answers
 * (12 rows → CSV upload, a PNG chart, a clarification for "ambiguous", one whose option has a plan for "vague";
 * a reading with one alternative for
 * "misread", a reading without alternatives for "unsure"; a Turn carrying a plan is answered as that plan),
 * owning thread state like the real one (it alone writes it; Slack reads it through lastAnswer / pendingOption /
 * follows), and recording every call so tests can prove buttons never re-run the query.
 */
export const ORDERS_BY_STATE: Plan = {
  source: 'amazon_sales',
  metrics: ['orders'],
  groupBy: ['state'],
  filters: [],
  share: false,
  chart: 'auto',
};
export const ORDERS_ALTERNATIVE: Alternative = {
  id: 'alt-ordersstate',
  label: 'orders · by state · all dates',
  plan: ORDERS_BY_STATE,
};
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export interface FakeAssistant extends Assistant {
  turns: Turn[];
  summaries: SummaryRequest[];
  /** Makes ask() throw (an unexpected failure inside the use case). */
  failWith?: Error;
}

function baseAnswer(question: string): Answer {
  return {
    question,
    status: 'answered',
    headline: '',
    insights: [],
    keyFigures: [],
    definitions: ['Revenue = gross SUM(amount) over all order lines'],
    timeRange: { from: '2022-04-01', to: '2022-06-29', label: 'Apr 1 – Jun 29, 2022' },
    dataSource: 'Amazon Sale Report.csv (amazon_sales)',
    columns: [],
    rows: [],
    truncated: false,
    validation: { status: 'PASSED', notes: [] },
    suggestions: [],
    chart: null,
    timingsMs: { total: 5 },
    llm: null,
  };
}

export function createFakeAssistant(threads: ThreadStore): FakeAssistant {
  const fake: FakeAssistant = {
    turns: [],
    summaries: [],
    async ask(turn) {
      fake.turns.push(turn);
      if (fake.failWith) throw fake.failWith;
      const previous = await threads.get(turn.threadKey);
      let answer: Answer;
      if (/ambiguous/i.test(turn.text)) {
        answer = {
          ...baseAnswer(turn.text),
          status: 'clarify',
          headline: 'Did you mean revenue or orders?',
          suggestions: [
            { label: 'Revenue', question: 'What was revenue in May 2022?' },
            { label: 'Orders', question: 'How many orders in May 2022?' },
          ],
        };
      } else if (/vague/i.test(turn.text) && !turn.plan) {
        answer = {
          ...baseAnswer(turn.text),
          status: 'clarify',
          headline: 'Which measure should I use?',
          suggestions: [
            {
              label: ORDERS_ALTERNATIVE.label,
              question: 'Busiest by state',
              plan: ORDERS_BY_STATE,
              id: ORDERS_ALTERNATIVE.id,
            },
          ],
        };
      } else if (/injected/i.test(turn.text)) {
        // Data and model prose that try to ping everyone or link somewhere.
        answer = {
          ...baseAnswer(turn.text),
          headline: '<!channel> Traders leads with ₹1,000',
          insights: ['<!here> see <https://evil.example|this> & ask <@UBOSS>'],
          columns: [
            { name: 'customer', type: 'VARCHAR' },
            { name: 'revenue', type: 'DOUBLE' },
          ],
          rows: [
            ['<!channel> Traders', 1000],
            ['<@UBOSS> & Co', 500],
          ],
        };
      } else {
        const rows = Array.from({ length: 12 }, (_, i) => [`State ${i + 1}`, 1000 * (12 - i)]);
        answer = {
          ...baseAnswer(turn.text),
          headline: `Answer ${fake.turns.length}: ${turn.text} (history ${previous?.messages.length ?? 0})`,
          insights: ['State 1 leads with 12% of revenue.'],
          keyFigures: [{ label: 'Revenue', value: '₹78,000' }],
          sql: `SELECT ship_state, SUM(amount) AS revenue FROM amazon_sales GROUP BY 1 -- ${fake.turns.length}`,
          columns: [
            { name: 'state', type: 'VARCHAR' },
            { name: 'revenue', type: 'DOUBLE' },
          ],
          rows,
          chart: { type: 'bar', spec: {}, png: TINY_PNG, title: 'Revenue by state' },
        };
        if (turn.plan) {
          answer.plan = turn.plan;
          answer.reading = `${turn.plan.metrics.join(' and ')} · by ${turn.plan.groupBy.join(' and ')} · all dates`;
        } else if (/misread|unsure/i.test(turn.text)) {
          answer.reading = 'revenue · by state · all dates';
          if (/misread/i.test(turn.text)) answer.alternatives = [ORDERS_ALTERNATIVE];
        }
      }
      const state: ThreadState = {
        messages: [
          ...(previous?.messages ?? []),
          { role: 'user', text: turn.text, at: Date.now() },
          { role: 'assistant', text: answer.headline, at: Date.now() },
        ],
        lastAnswer: toStored(answer),
      };
      const options = answer.suggestions.flatMap((o) =>
        o.plan && o.id ? [{ id: o.id, label: o.label, plan: o.plan }] : [],
      );
      if (options.length) state.pendingOptions = options;
      await threads.save(turn.threadKey, state);
      return answer;
    },
    async rememberSummary(threadKey, answer) {
      await threads.save(threadKey, summaryThreadState(answer, Date.now()));
    },
    async lastAnswer(threadKey) {
      return (await threads.get(threadKey))?.lastAnswer ?? null;
    },
    async pendingOption(threadKey, id) {
      return (await threads.get(threadKey))?.pendingOptions?.find((o) => o.id === id) ?? null;
    },
    async follows(threadKey) {
      return (await threads.get(threadKey).catch(() => null)) !== null;
    },
    async summary(request) {
      fake.summaries.push(request);
      return {
        ...baseAnswer('summary'),
        headline: 'Revenue ₹1.2 Cr, down 3.0% week over week.',
        keyFigures: [
          { label: 'Revenue', value: '₹1.2 Cr', change: '-3.0%' },
          { label: 'Orders', value: '8,123', change: '+1.0%' },
        ],
        insights: ['Kurta revenue fell 12% week over week.'],
        timeRange: { from: '2022-06-20', to: '2022-06-26', label: 'Jun 20 – Jun 26, 2022' },
        columns: [
          { name: 'category', type: 'VARCHAR' },
          { name: 'revenue', type: 'DOUBLE' },
        ],
        rows: [
          ['Set', 500000],
          ['Kurta', 400000],
        ],
        chart: { type: 'dashboard', spec: {}, png: TINY_PNG, title: 'Weekly dashboard' },
      };
    },
  };
  return fake;
}
