/** The filter box's history: the last filters used, most recent first, kept in localStorage. */
const KEY = 'sockeye.filter.history';
export const HISTORY_LIMIT = 20;

export function loadHistory(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, HISTORY_LIMIT) : [];
  } catch {
    return []; // a corrupt entry is not worth an error: start a new history
  }
}

/** `history` with `expr` moved (or added) to the front, trimmed to the limit, and saved. */
export function remember(history: string[], expr: string): string[] {
  const e = expr.trim();
  if (!e || history[0] === e) return history;
  const next = [e, ...history.filter((h) => h !== e)].slice(0, HISTORY_LIMIT);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // storage full or disabled: history lives for this page only
  }
  return next;
}
