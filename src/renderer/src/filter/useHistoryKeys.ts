/**
 * The filter box's keys: Enter commits, Escape clears, ↑ ↓ walk the history. Walking starts from
 * the text being typed, kept as the draft so ↓ past the newest entry brings it back.
 */
import { useRef, type KeyboardEvent } from 'react';
import type { FilterStore, FilterView } from './filterStore';

export function useHistoryKeys(store: FilterStore, view: FilterView) {
  // -1 is the text being typed (kept in `draft`).
  const walk = useRef({ index: -1, draft: '' });
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const w = walk.current;
    if (e.key === 'Enter') {
      store.commit();
      w.index = -1;
    } else if (e.key === 'Escape' && view.text) {
      store.setText('');
      w.index = -1;
    } else if (e.key === 'ArrowUp' && w.index + 1 < view.history.length) {
      e.preventDefault();
      if (w.index === -1) w.draft = view.text;
      w.index++;
      store.setText(view.history[w.index]!);
    } else if (e.key === 'ArrowDown' && w.index >= 0) {
      e.preventDefault();
      w.index--;
      store.setText(w.index === -1 ? w.draft : view.history[w.index]!);
    }
  };
  /** Typing leaves the history walk. */
  const stopWalking = () => {
    walk.current.index = -1;
  };
  return { onKeyDown, stopWalking };
}
