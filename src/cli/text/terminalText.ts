/**
 * Text for a terminal from untrusted sources (process names and command lines any local user
 * chooses, snapshot files from anyone, DNS answers): control characters become visible
 * `\xNN` so an ESC/OSC sequence cannot retitle the terminal, rewrite the clipboard or hide
 * lines, and bidirectional overrides become `\u202e` so `\u202eexe.gnp` cannot read as
 * `png.exe`. A value (terminalField) may not even hold a newline or a tab: a process named
 * "x\nFAKE 0.0.0.0 [1] both" would forge a row of the table.
 */
// C0 but \t and \n, DEL, C1, and the bidi controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI).
// eslint-disable-next-line no-control-regex
const IN_OUTPUT = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// The same plus \t, \n and the Unicode line and paragraph separators: nothing that breaks a line.
// eslint-disable-next-line no-control-regex
const IN_FIELD = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A whole formatted output: every control character but \n and \t shown as an escape. */
export function terminalSafe(text: string): string {
  return text.replace(IN_OUTPUT, visible);
}

/** One value inside a line (a name, a host, a record): every control character shown as an escape. */
export function terminalField(text: string): string {
  return text.replace(IN_FIELD, visible);
}
