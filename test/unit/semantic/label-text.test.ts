import { describe, expect, it } from 'vitest';
import { inSentence } from '../../../src/semantic/label-text.js';

describe('inSentence: a catalog label inside a sentence', () => {
  it('lower-cases plain words and keeps acronyms', () => {
    expect(inSentence('Category')).toBe('category');
    expect(inSentence('Promotion used')).toBe('promotion used');
    expect(inSentence('B2B')).toBe('B2B');
    expect(inSentence('Average order value (AOV)')).toBe('average order value (AOV)');
    expect(inSentence('SKU count')).toBe('SKU count');
    expect(inSentence('Ship-to state')).toBe('ship-to state');
  });
});
