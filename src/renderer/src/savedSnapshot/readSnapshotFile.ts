/**
 * Reading a snapshot file the user picked or dropped in the browser: the size is checked
 * before a byte is read (a 5 GB file is refused, not loaded), then the shared parser validates.
 */
import { checkSnapshotSize, parseSnapshotText, type OpenResult } from '../../../common/snapshot/openSnapshot';

/** The snapshot in `file`, or why it cannot be opened; never throws. */
export async function readSnapshotBlob(file: Blob & { name?: string }): Promise<OpenResult> {
  const tooLarge = checkSnapshotSize(file.size);
  if (tooLarge) return { ok: false, error: tooLarge };
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    return { ok: false, error: `the file could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  return parseSnapshotText(text, { byteLength: file.size });
}
