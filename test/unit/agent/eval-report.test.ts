import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvalSetFiles, type EvalCategory, type EvalItem } from '../../../src/agent/eval/eval-set.js';
import { formatCombined, formatReport, redactReport } from '../../../src/agent/eval/format-report.js';
import {
  combineCounts,
  runEval,
  type EvalAnswer,
  type EvalAnswerer,
} from '../../../src/agent/eval/run-eval.js';
import type { Cell } from '../../../src/warehouse/types.js';

/** Gold "SQL" is a key into this table: the report maths needs no warehouse. */
const GOLD: Record<string, Cell[][]> = {
  total: [[100]],
  byState: [
    ['Delhi', 30],
    ['Goa', 70],
  ],
  namedWeeks: [
    ['week before', 670],
    ['last week', 662],
    ['this week', 683],
  ],
  namedStates: [
    ['north', 30],
    ['south', 70],
  ],
  goaOnly: [['Goa', 70]],
};
const goldQuery = async (sql: string) => {
  const rows = GOLD[sql];
  if (!rows) throw new Error(`no such gold: ${sql}`);
  return rows;
};

function item(
  id: string,
  category: EvalCategory,
  expect: EvalItem['expect'],
  gold?: string,
  extra: Partial<EvalItem> = {},
): EvalItem {
  return {
    id,
    category,
    question: `question ${id}`,
    expect,
    ranked: false,
    ...(gold ? { gold } : {}),
    ...extra,
  };
}

/** Answers each question with what the script says for it; a missing entry throws. */
function fakeAnswerer(script: Record<string, EvalAnswer>, seen: string[] = []): EvalAnswerer {
  return {
    name: 'fake',
    async ask(threadKey, question) {
      seen.push(threadKey);
      const answer = script[question];
      if (!answer) throw new Error('boom');
      return answer;
    },
  };
}

const answered = (rows: Cell[][], reading?: string): EvalAnswer => ({
  status: 'answered',
  rows,
  ...(reading ? { reading } : {}),
});
const declined = (status: 'clarify' | 'refused' | 'error', reading?: string): EvalAnswer => ({
  status,
  rows: [],
  ...(reading ? { reading } : {}),
});

const ITEMS: EvalItem[] = [
  item('a-right', 'simple', 'answer', 'total'),
  item('a-wrong', 'simple', 'answer', 'total'),
  item('a-clarified', 'simple', 'answer', 'total'),
  item('a-refused', 'groupby', 'answer', 'byState'),
  item('a-error', 'groupby', 'answer', 'byState'),
  item('a-threw', 'groupby', 'answer', 'byState'),
  item('a-unordered', 'groupby', 'answer', 'byState'),
  item('c-right', 'clarify', 'clarify'),
  item('c-answered', 'clarify', 'clarify'),
  item('c-refused', 'clarify', 'clarify'),
  item('r-right', 'refuse', 'refuse'),
  item('r-answered-empty', 'refuse', 'refuse'),
];

const SCRIPT: Record<string, EvalAnswer> = {
  'question a-right': answered([[100]]),
  'question a-wrong': answered([[99]], 'total revenue, cancelled orders left out'),
  'question a-clarified': declined('clarify', 'revenue or units?'),
  'question a-refused': declined('refused'),
  'question a-error': declined('error'),
  'question a-unordered': answered([
    ['Goa', 70],
    ['Delhi', 30],
  ]),
  'question c-right': declined('clarify'),
  'question c-answered': answered([[1]], 'revenue this month'),
  'question c-refused': declined('refused'),
  'question r-right': declined('refused'),
  'question r-answered-empty': answered([]),
};

describe('evaluation report maths', () => {
  it('tells needless clarifications, refusals, errors and confident wrong answers apart', async () => {
    const report = await runEval({ items: ITEMS, answerer: fakeAnswerer(SCRIPT), goldQuery, set: 'tuning' });
    expect(report).toMatchObject({
      set: 'tuning',
      via: 'fake',
      total: 12,
      correct: 4,
      // a-wrong (numbers not matching gold), c-answered and r-answered-empty (answered at all where it should not).
      confidentWrong: 3,
      wrongNumbers: 1,
      numbersOnClarifyOrRefuse: 2,
      needlessClarifications: 1,
      refusals: 1,
      // a-error (an error answer) and a-threw (the answerer threw).
      errors: 2,
      wrongDeclines: 1,
    });
    expect(report.accuracy).toBeCloseTo(4 / 12);
    const outcomes = Object.fromEntries(report.failures.map((f) => [f.id, f.outcome]));
    expect(outcomes).toEqual({
      'a-wrong': 'confident-wrong',
      'a-clarified': 'needless-clarify',
      'a-refused': 'refused',
      'a-error': 'error',
      'a-threw': 'error',
      'c-answered': 'confident-wrong',
      'c-refused': 'wrong-decline',
      'r-answered-empty': 'confident-wrong',
    });
    expect(report.failures.find((f) => f.id === 'a-wrong')?.reading).toBe(
      'total revenue, cancelled orders left out',
    );
  });

  it('counts per category, and every item lands in exactly one outcome', async () => {
    const report = await runEval({ items: ITEMS, answerer: fakeAnswerer(SCRIPT), goldQuery });
    const byCategory = Object.fromEntries(report.byCategory.map((c) => [c.category, c]));
    expect(Object.keys(byCategory)).toEqual(['simple', 'groupby', 'clarify', 'refuse']);
    expect(byCategory.simple).toMatchObject({
      total: 3,
      correct: 1,
      confidentWrong: 1,
      needlessClarifications: 1,
    });
    expect(byCategory.groupby).toMatchObject({
      total: 4,
      correct: 1,
      refusals: 1,
      errors: 2,
      confidentWrong: 0,
    });
    expect(byCategory.clarify).toMatchObject({ total: 3, correct: 1, numbersOnClarifyOrRefuse: 1 });
    expect(byCategory.refuse).toMatchObject({ total: 2, correct: 1, confidentWrong: 1 });
    for (const c of [report, ...report.byCategory]) {
      const parts =
        c.correct + c.confidentWrong + c.needlessClarifications + c.refusals + c.errors + c.wrongDeclines;
      expect(parts).toBe(c.total);
      expect(c.wrongNumbers + c.numbersOnClarifyOrRefuse).toBe(c.confidentWrong);
    }
  });

  it('keeps follow-ups in one thread and separates runs', async () => {
    const seen: string[] = [];
    const items = [
      item('f-1', 'followup', 'answer', 'total', { thread: 't' }),
      item('f-2', 'followup', 'answer', 'total', { thread: 't' }),
    ];
    const script = { 'question f-1': answered([[100]]), 'question f-2': answered([[100]]) };
    await runEval({ items, answerer: fakeAnswerer(script, seen), goldQuery, runId: 'one' });
    await runEval({ items, answerer: fakeAnswerer(script, seen), goldQuery, runId: 'two' });
    expect(seen).toEqual(['one:t', 'one:t', 'two:t', 'two:t']);
  });

  it('periods a gold names in words match the same figures labelled by their dates, and only those', async () => {
    const weekly = answered([
      ['2022-06-13', 670],
      ['2022-06-20', 662],
      ['2022-06-27', 683],
    ]);
    const items = [
      item('weeks', 'followup', 'answer', 'namedWeeks'),
      item('weeks-off', 'followup', 'answer', 'namedWeeks'),
      item('not-periods', 'groupby', 'answer', 'namedStates'),
    ];
    const script = {
      'question weeks': weekly,
      'question weeks-off': answered([
        ['2022-06-13', 670],
        ['2022-06-20', 662],
        ['2022-06-27', 600],
      ]),
      'question not-periods': answered([
        ['2022-06-13', 30],
        ['2022-06-20', 70],
      ]),
    };
    const report = await runEval({ items, answerer: fakeAnswerer(script), goldQuery });
    expect(report.failures.map((f) => f.id).sort()).toEqual(['not-periods', 'weeks-off']);
  });

  it('a gold keeping the column of a value the answer is pinned to ("just Goa") holds the same facts', async () => {
    const items = [
      item('pinned', 'followup', 'answer', 'goaOnly'),
      item('other', 'followup', 'answer', 'goaOnly'),
    ];
    const script = {
      'question pinned': { ...answered([[70]]), pinned: ['Goa'] },
      'question other': { ...answered([[70]]), pinned: ['Delhi'] },
    };
    const report = await runEval({ items, answerer: fakeAnswerer(script), goldQuery });
    expect(report.failures.map((f) => f.id)).toEqual(['other']);
  });

  it('stops on a broken gold query, naming the item', async () => {
    const items = [item('bad-gold', 'simple', 'answer', 'nonsense')];
    const answerer = fakeAnswerer({ 'question bad-gold': answered([[1]]) });
    await expect(runEval({ items, answerer, goldQuery })).rejects.toThrow(/bad-gold/);
  });

  it('prints confident wrong first with its target, percentages with one decimal, and readings', async () => {
    const report = await runEval({ items: ITEMS, answerer: fakeAnswerer(SCRIPT), goldQuery, set: 'tuning' });
    const text = formatReport(report);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Tuning set via fake: 12 questions in \d+ ms$/);
    expect(lines[1]).toMatch(/CONFIDENT WRONG\s+3\s+25\.0%\s+target 0/);
    expect(text).toMatch(/correct\s+4\s+33\.3%/);
    expect(text).toMatch(/needless clarifications\s+1\s+8\.3%/);
    expect(text).toMatch(/refusals\s+1\s+8\.3%/);
    expect(text).toMatch(/errors\s+2\s+16\.7%/);
    expect(text).toContain('read as: total revenue, cancelled orders left out');
    // The worst outcome heads the failure list.
    const failures = lines
      .slice(lines.findIndex((l) => l.startsWith('Failures')) + 1)
      .filter((l) => l.startsWith('  ['));
    expect(failures.slice(0, 3).every((l) => l.includes('CONFIDENT WRONG'))).toBe(true);
  });

  it('withholds the questions of a redacted (held-out) report, keeping its figures', async () => {
    const report = await runEval({
      items: ITEMS,
      answerer: fakeAnswerer(SCRIPT),
      goldQuery,
      set: 'held-out',
    });
    const text = formatReport(report, { redact: true });
    expect(text).toMatch(/^Held-out set via fake/);
    expect(text).toMatch(/CONFIDENT WRONG\s+3\s+25\.0%/);
    expect(text).toContain('[simple] a-wrong: CONFIDENT WRONG');
    expect(text).not.toContain('question a-wrong');
    expect(text).not.toContain('read as');
    const json = JSON.stringify(redactReport(report));
    expect(json).not.toContain('question a-');
    expect(json).not.toContain('cancelled orders left out');
  });

  it('combines several sets into one line of summed counts', async () => {
    const a = await runEval({ items: ITEMS, answerer: fakeAnswerer(SCRIPT), goldQuery, set: 'tuning' });
    const b = await runEval({
      items: ITEMS.slice(0, 2),
      answerer: fakeAnswerer(SCRIPT),
      goldQuery,
      set: 'held-out',
    });
    const combined = combineCounts([a, b]);
    expect(combined).toMatchObject({ total: 14, correct: 5, confidentWrong: 4, errors: 2 });
    expect(combined.accuracy).toBeCloseTo(5 / 14);
    expect(formatCombined([a, b])).toBe(
      'All sets (tuning + held-out) via fake: 14 questions: CONFIDENT WRONG 4 (28.6%, target 0), ' +
        'correct 5 (35.7%), needless clarifications 1 (7.1%), refusals 1 (7.1%), errors 2 (14.3%)',
    );
  });
});

describe('evaluation set files', () => {
  const write = (dir: string, name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const followUps = (prefix: string) => `- id: ${prefix}-1
  category: followup
  question: revenue in May
  gold: SELECT 1
  thread: t
- id: ${prefix}-2
  category: followup
  question: and in June?
  gold: SELECT 2
  thread: t
`;

  it('joins pieces into one set, keeping the threads of each file apart and categories like ranking', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ri-eval-set-'));
    try {
      const a = write(dir, 'a.yml', followUps('a'));
      const b = write(
        dir,
        'b.yml',
        `${followUps('b')}- id: b-3\n  category: ranking\n  question: top 3\n  gold: SELECT 3\n  ranked: true\n`,
      );
      const items = loadEvalSetFiles([a, b]);
      expect(items.map((i) => i.id)).toEqual(['a-1', 'a-2', 'b-1', 'b-2', 'b-3']);
      expect(new Set(items.filter((i) => i.thread).map((i) => i.thread))).toEqual(
        new Set(['a.yml/t', 'b.yml/t']),
      );
      expect(items[4]).toMatchObject({ category: 'ranking', ranked: true, expect: 'answer' });
      // One file alone keeps its thread names as written.
      expect(loadEvalSetFiles([a])[0]!.thread).toBe('t');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects an id repeated across pieces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ri-eval-set-'));
    try {
      const a = write(dir, 'a.yml', followUps('x'));
      const b = write(dir, 'b.yml', followUps('x'));
      expect(() => loadEvalSetFiles([a, b])).toThrow(/repeats the id "x-1"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
