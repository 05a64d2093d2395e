/**
 * Reading a snapshot file the user picked or dropped in the browser: the size is checked
 * before a byte is read (a 5 GB file is refused, not loaded), then the shared parser validates.
 * Bytes that are not UTF-8 do not stop it: they read as U+FFFD and the result says so, as the
 * CLI and the desktop's Open dialog do (src/node/files/readSnapshotFile.ts).
 */
import { checkSnapshotSize, parseSnapshotText, type OpenResult } from '../../../common/snapshot/openSnapshot';

/** The text of UTF-8 `bytes`, and a warning if some were not UTF-8 (shown as U+FFFD). */
export function decodeSnapshotBytes(bytes: Uint8Array): { text: string; warning: string | null } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warning: null };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const bad = text.split('\ufffd').length - 1;
    return {
      text,
      warning: `the file is not valid UTF-8 (${bad} invalid sequence${bad === 1 ? '' : 's'}, shown as \ufffd)`,
    };
  }
}

/** The snapshot in `file` with any warnings, or why it cannot be opened; never throws. */
export async function readSnapshotBlob(file: Blob & { name?: string }): Promise<OpenResult & { warnings: string[] }> {
  const tooLarge = checkSnapshotSize(file.size);
  if (tooLarge) return { ok: false, error: tooLarge, warnings: [] };
  let decoded: { text: string; warning: string | null };
  try {
    decoded = decodeSnapshotBytes(new Uint8Array(await file.arrayBuffer()));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, error: `the file could not be read: ${why}`, warnings: [] };
  }
  const result = parseSnapshotText(decoded.text, { byteLength: file.size });
  const name = file.name ? `${file.name}: ` : '';
  return { ...result, warnings: result.ok && decoded.warning ? [name + decoded.warning] : [] };
}
