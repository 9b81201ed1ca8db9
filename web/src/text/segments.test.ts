import { describe, expect, it } from 'vitest';
import { splitByRanges, splitMarked } from './segments.js';

describe('splitting text for highlights', () => {
  it('splits a search snippet at its marks, and keeps markup in it as text', () => {
    expect(splitMarked('…treated with «baclofen» for <b>spasm</b> and «MRI»')).toEqual([
      { text: '…treated with ', keys: [] },
      { text: 'baclofen', keys: ['match'] },
      { text: ' for <b>spasm</b> and ', keys: [] },
      { text: 'MRI', keys: ['match'] },
    ]);
    expect(splitMarked('no close « here')).toEqual([{ text: 'no close « here', keys: [] }]);
  });

  it('cuts text at evidence offsets, naming every span over each piece, overlaps included', () => {
    const text = 'He has spasticity. Baclofen helped. Pain 7/10.';
    const segs = splitByRanges(text, [
      { start: 0, end: 18, key: 'c1' },
      { start: 7, end: 35, key: 'c2' },
      { start: 36, end: 99, key: 'c3' },
      { start: 5, end: 5, key: 'empty' },
    ]);
    expect(segs).toEqual([
      { text: 'He has ', keys: ['c1'] },
      { text: 'spasticity.', keys: ['c1', 'c2'] },
      { text: ' Baclofen helped.', keys: ['c2'] },
      { text: ' ', keys: [] },
      { text: 'Pain 7/10.', keys: ['c3'] },
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });
});
