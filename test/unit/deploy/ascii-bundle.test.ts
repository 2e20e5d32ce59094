import { describe, expect, it } from 'vitest';
import { asciiBundle } from '../../../scripts/ascii-bundle.mjs';

/** The build's last step (issue 15): an ASCII bundle whose regular expressions match exactly what they did. */
function patterns(source: string): RegExp[] {
  return new Function(`return [${source}];`)() as RegExp[];
}

const SAMPLES = ['−5% drop', '₹1,200', 'don’t', '5–12 May', 'a — b', '3 × 4', '😀 ok', 'plain text', '\\'];

describe('the bundle as ASCII', () => {
  it('rewrites non-ASCII characters in regular expressions as escapes that match the same text', () => {
    const source = String.raw`/[-−–]/, /(₹|rs\.?)\s?\d/gi, /don[’']t/, /\–/, /😀/, /[😀]/u, /\p{L}+’/u, /\\₹/`;
    const ascii = asciiBundle(source);
    expect(/[\u0080-\uffff]/.test(ascii)).toBe(false);
    expect(ascii).toContain(String.raw`/[-\u2212\u2013]/`);
    const before = patterns(source);
    const after = patterns(ascii);
    for (const [i, re] of before.entries())
      for (const text of SAMPLES) expect([i, text, after[i]!.exec(text)]).toEqual([i, text, re.exec(text)]);
  });

  it('leaves ASCII text as it is and refuses non-ASCII it cannot rewrite safely', () => {
    const plain = 'const a = /x/g, b = "y";';
    expect(asciiBundle(plain)).toBe(plain);
    expect(() => asciiBundle('const raw = String.raw`₹`;')).toThrow(/outside a regular expression/);
  });
});
