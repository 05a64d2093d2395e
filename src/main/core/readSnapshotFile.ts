/**
 * Reading a saved snapshot from disk for `sockeye diff`, `sockeye serve --snapshot` and the
 * Electron Open dialog: the size is checked before a byte is read, then the shared parser
 * validates. Never throws; every failure is one sentence naming the file.
 */
import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import { checkSnapshotSize, MAX_SNAPSHOT_BYTES, parseSnapshotText, type OpenResult } from '../../shared/openSnapshot';

function ioMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    default:
      return e.message ?? String(err);
  }
}

/**
 * The snapshot in the file at `path`, or why it cannot be opened, prefixed with the file's name —
 * or, with `wholePath` (the CLI: the user typed it and may have two `snapshot.json` in different
 * folders), the path exactly as given.
 */
export async function readSnapshotFile(
  path: string,
  maxBytes = MAX_SNAPSHOT_BYTES,
  options: { wholePath?: boolean } = {},
): Promise<OpenResult & { name: string }> {
  const name = (options.wholePath ? path : basename(path)) || JSON.stringify(path);
  const fail = (why: string) => ({ ok: false as const, error: `${name}: ${why}`, name });
  try {
    const st = await fsp.stat(path);
    if (st.isDirectory()) return fail('it is a folder, not a file');
    // A pipe or device has no size to check first (/dev/zero would fill memory): files only.
    if (!st.isFile()) return fail('not a regular file (save the snapshot to a file first)');
    const tooLarge = checkSnapshotSize(st.size, maxBytes);
    if (tooLarge) return fail(tooLarge);
    const buf = await fsp.readFile(path);
    // A file that grew between stat and read is still held to the cap.
    const tooLargeNow = checkSnapshotSize(buf.length, maxBytes);
    if (tooLargeNow) return fail(tooLargeNow);
    const result = parseSnapshotText(buf.toString('utf8'), { byteLength: buf.length, maxBytes });
    return result.ok ? { ...result, name } : fail(result.error);
  } catch (err) {
    return fail(ioMessage(err));
  }
}
