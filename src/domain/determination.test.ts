import { describe, expect, it } from 'vitest';
import { Decision, GuidelineCitation } from './index.js';

describe('domain schemas', () => {
  it('rejects an unknown decision', () => {
    expect(Decision.safeParse('denied').success).toBe(false);
    expect(Decision.parse('upheld')).toBe('upheld');
  });
  it('rejects a citation with a non-positive page', () => {
    const r = GuidelineCitation.safeParse({ source: 'MTUS', document: 'x', sections: [], pages: [0], raw: '' });
    expect(r.success).toBe(false);
  });
});
