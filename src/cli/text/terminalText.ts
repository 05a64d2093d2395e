/**
 * Text for a terminal from untrusted sources (process names and command lines any local user
 * chooses, snapshot files from anyone, DNS answers): control characters become visible `\xNN`
 * so an ESC/OSC sequence cannot retitle the terminal, rewrite the clipboard or hide lines.
 * Newlines and tabs the formatter itself put there are kept.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** `text` with every control character but \n and \t shown as \xNN. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
