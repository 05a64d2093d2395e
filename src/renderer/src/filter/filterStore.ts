/**
 * The filter's state for the whole window: the text in the box, the last filter that parsed
 * (the views keep showing it while the text has an error), the error, and history. It is a
 * small store rather than App state so that a keystroke re-renders only the filter box; the
 * views re-render when the parsed filter changes meaning (useAppliedFilter), as a transition.
 * The text lives in the page's query (`?filter=…`) so it survives a reload; `sockeye serve
 * --filter` puts the starting one there.
 */
import { startTransition, useEffect, useState, useSyncExternalStore } from 'react';
import {
  andFilter,
  tryParseFilter,
  type FilterAst,
  type FilterNode,
  type FilterParseError,
} from '../../../common/filter';
import { markPaintAfterRender } from '../state/perfMarks';
import { loadHistory, remember } from './filterHistory';

export interface FilterView {
  text: string;
  /** The filter the views show: the text's when it parses, else the last one that did. */
  applied: FilterAst;
  error: FilterParseError | null;
  history: string[];
}

const EMPTY: FilterAst = { source: '', root: null };
/** How long the views may lag a new filter (live refresh can keep interrupting a transition). */
const STARVE_MS = 250;

/** The tree without positions: two texts that mean the same filter give the same shape. */
function shape(node: FilterNode | null): string {
  return JSON.stringify(node, (k, v: unknown) => (k === 'start' || k === 'end' ? undefined : v));
}

function readUrl(): string {
  return new URL(window.location.href).searchParams.get('filter') ?? '';
}

export class FilterStore {
  private view: FilterView;
  private shape: string;
  private urlTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly appliedListeners = new Set<(ast: FilterAst) => void>();
  /** The filter the views last rendered with, so the box knows when a keystroke is on screen. */
  rendered: FilterAst = EMPTY;

  constructor(initial: string = readUrl()) {
    this.view = { text: '', applied: EMPTY, error: null, history: loadHistory() };
    this.shape = shape(null);
    this.update(initial);
  }

  readonly get = (): FilterView => this.view;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Told when the filter the views should show changes. */
  onApplied(listener: (ast: FilterAst) => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  private update(text: string, history = this.view.history): void {
    const r = tryParseFilter(text);
    let applied = this.view.applied;
    if (!r.error) {
      const s = shape(r.ast.root);
      // Same meaning (say, a trailing space): keep the old object so nothing downstream recomputes.
      if (s !== this.shape) {
        this.shape = s;
        applied = r.ast;
      }
    }
    const changed = applied !== this.view.applied;
    this.view = { text, applied, error: r.error, history };
    for (const l of this.listeners) l();
    if (changed) for (const l of this.appliedListeners) l(applied);
  }

  /** Typing in the box. */
  readonly setText = (text: string): void => {
    performance.mark('sockeye:filter-input');
    this.update(text);
    // replaceState on every keystroke costs: batch it.
    if (this.urlTimer) clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => this.writeUrl(), 250);
  };

  /** Replacing the filter from a chip, history, help example or "filter to this" (remembered). */
  readonly apply = (text: string): void => {
    this.setText(text);
    if (!this.view.error) this.update(text, remember(this.view.history, text));
  };

  /** Narrowing the current filter with one more term ("filter to this"). */
  readonly narrow = (term: string): void => this.apply(andFilter(this.view.text, term));

  /** Keep the current text in history (Enter, leaving the box). */
  readonly commit = (): void => {
    if (!this.view.error && this.view.text.trim())
      this.update(this.view.text, remember(this.view.history, this.view.text));
  };

  private writeUrl(): void {
    const url = new URL(window.location.href);
    if (this.view.text.trim()) url.searchParams.set('filter', this.view.text);
    else url.searchParams.delete('filter');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
}

/** Everything about the filter, for the filter box (re-renders on every keystroke). */
export function useFilterView(store: FilterStore): FilterView {
  const view = useSyncExternalStore(store.subscribe, store.get);
  // For the filter benchmark: a keystroke that does not change what the views show is on screen now.
  useEffect(() => {
    if (store.rendered === view.applied) markPaintAfterRender('sockeye:filter-painted');
  }, [store, view]);
  return view;
}

/**
 * The filter the views show, for App: changes only when the filter's meaning does, applied as a
 * transition (the box stays responsive) and outright if a transition has not landed in a moment.
 */
export function useAppliedFilter(store: FilterStore): FilterAst {
  const [applied, setApplied] = useState(() => store.get().applied);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = store.onApplied((ast) => {
      startTransition(() => setApplied(ast));
      clearTimeout(timer);
      timer = setTimeout(() => setApplied(ast), STARVE_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [store]);
  useEffect(() => {
    store.rendered = applied;
    if (applied === store.get().applied) markPaintAfterRender('sockeye:filter-painted');
  }, [store, applied]);
  return applied;
}
