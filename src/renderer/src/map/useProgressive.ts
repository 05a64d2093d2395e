/**
 * Draws a list a slice per animation frame: what was on screen before stays, only what is new
 * grows in. On a 2-core machine one frame that builds, lays out and paints a whole busy map is a
 * long task of several hundred milliseconds (bench/mapBench.ts); small slices over many frames
 * keep every task short while the map fills in.
 */
import { useEffect, useMemo, useState } from 'react';

export interface ProgressState<T> {
  items: readonly T[];
  /** Ids on screen when `items` arrived: drawn at once. */
  before: ReadonlySet<string>;
  /** How many of the new items to draw so far. */
  fresh: number;
}

/** What to draw of `s.items`: what was on screen before, then the first `s.fresh` new ones. */
export function shownOf<T>(s: ProgressState<T>, idOf: (item: T) => string): readonly T[] {
  const old: T[] = [];
  const added: T[] = [];
  for (const item of s.items) (s.before.has(idOf(item)) ? old : added).push(item);
  if (added.length <= s.fresh) return s.items;
  return [...old, ...added.slice(0, s.fresh)];
}

/** The items to draw now; all of them once `done`. */
export function useProgressive<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  perFrame: number,
): { shown: readonly T[]; done: boolean } {
  const [state, setState] = useState<ProgressState<T>>(() => ({ items, before: new Set(), fresh: 0 }));
  let current = state;
  if (state.items !== items) {
    current = { items, before: new Set(shownOf(state, idOf).map(idOf)), fresh: 0 };
    setState(current);
  }
  const shown = useMemo(() => shownOf(current, idOf), [current, idOf]);
  const done = shown.length === items.length;
  useEffect(() => {
    if (done) return;
    const frame = requestAnimationFrame(() =>
      setState((s) => (s.items === items ? { ...s, fresh: s.fresh + perFrame } : s)),
    );
    return () => cancelAnimationFrame(frame);
  }, [done, current, items, perFrame]);
  return { shown, done };
}
