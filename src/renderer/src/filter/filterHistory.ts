/** The filter box's history: the last filters used, most recent first, kept in localStorage. */
import { filterHistorySetting, HISTORY_LIMIT, readSetting, writeSetting } from '../state/settings';

export { HISTORY_LIMIT };

/** The saved history; a corrupt entry is not worth an error: a new history starts. */
export function loadHistory(): string[] {
  return readSetting(filterHistorySetting);
}

/** `history` with `expr` moved (or added) to the front, trimmed to the limit, and saved. */
export function remember(history: string[], expr: string): string[] {
  const e = expr.trim();
  if (!e || history[0] === e) return history;
  const next = [e, ...history.filter((h) => h !== e)].slice(0, HISTORY_LIMIT);
  writeSetting(filterHistorySetting, next); // storage full or disabled: history lives for this page only
  return next;
}
