import { describe, expect, it } from 'vitest';
import { shownOf } from '../../../../src/renderer/src/map/useProgressive';

const id = (s: string) => s;

describe('drawing a list a slice at a time (the map)', () => {
  it('draws nothing new at first, then more each step, then the list itself', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect(shownOf({ items, before: new Set(), fresh: 0 }, id)).toEqual([]);
    expect(shownOf({ items, before: new Set(), fresh: 2 }, id)).toEqual(['a', 'b']);
    // Once everything is drawn, the caller gets its own array back (no copy per frame).
    expect(shownOf({ items, before: new Set(), fresh: 5 }, id)).toBe(items);
    expect(shownOf({ items, before: new Set(), fresh: 99 }, id)).toBe(items);
  });

  it('keeps what was on screen and grows only what is new', () => {
    const items = ['x', 'a', 'y', 'b', 'z'];
    const before = new Set(['a', 'b', 'gone']);
    expect(shownOf({ items, before, fresh: 0 }, id)).toEqual(['a', 'b']);
    expect(shownOf({ items, before, fresh: 2 }, id)).toEqual(['a', 'b', 'x', 'y']);
    expect(shownOf({ items, before, fresh: 3 }, id)).toBe(items);
  });
});
