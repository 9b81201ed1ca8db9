import { describe, expect, it } from 'vitest';
import { queryTerms, termRanges } from './query-terms.js';

const words = (text: string, q: string) => termRanges(text, queryTerms(q)).map((r) => text.slice(r.start, r.end));

describe('query terms in letter text', () => {
  it('finds inflected forms of the words asked for, not the excluded ones or operators', () => {
    const text = 'Epidural steroid injections were injected; the injection helped. Opioids OR not. MRI of the spine.';
    expect(words(text, 'injection -opioid')).toEqual(['injections', 'injected', 'injection']);
    expect(words(text, '"epidural steroid" OR mri NOT spine')).toEqual(['Epidural', 'steroid', 'MRI']);
  });

  it('treats word* as a prefix', () => {
    expect(words('cyclobenzaprine and cyclooxygenase, not cycling', 'cyclo*')).toEqual(['cyclobenzaprine', 'cyclooxygenase']);
  });

  it('finds nothing for an empty query', () => {
    expect(termRanges('any text', queryTerms('  '))).toEqual([]);
  });
});
