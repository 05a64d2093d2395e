/**
 * Untrusted text (process names, paths, users, host names) as the UI shows it: bidirectional
 * controls and other invisible control characters become visible marks like ⟨U+202E⟩, so a
 * process named "\u202eexe.gnp" reads as what it is, not as "png.exe". Only what is shown
 * changes; filtering, sorting and copying use the text as it is.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** A grid column's valueFormatter: the shown value, with marks for invisible controls. */
export const visibleFormatter = (value: unknown): string => visibleText(value == null ? '' : String(value));
