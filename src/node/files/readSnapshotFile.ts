/**
 * Reading a saved snapshot from disk for `sockeye diff`, `sockeye serve --snapshot` and the
 * Electron Open dialog. The cap holds while reading, whatever `stat` says: /proc/self/pagemap
 * reports size 0 and reads forever (the old stat-only check let `diff` reach 3 GB in 12 s).
 * A first piece that cannot begin JSON stops the read at once. Then the shared parser
 * validates. Never throws; every failure is one sentence naming the file.
 */
import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import {
  checkSnapshotSize,
  MAX_SNAPSHOT_BYTES,
  notJsonStart,
  parseSnapshotText,
  readPastCap,
  type OpenResult,
} from '../../common/snapshot/openSnapshot';

/** Bytes per read: small enough that a read past the cap costs little, large enough to be quick. */
const CHUNK_BYTES = 1024 * 1024;

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

type Read = { ok: true; bytes: Buffer } | { ok: false; error: string };

/**
 * At most `maxBytes` of the file; a longer one (or a first piece no JSON starts with) is refused
 * mid-read. With its size from `stat` (`sizeHint`), the bytes land in one buffer of that size plus
 * one, so a file that has not grown needs no copy into a joined buffer (the fleet reads a hundred
 * at a time); the first read is still one chunk, so a binary file is refused after 1 MB.
 */
async function readCapped(file: fsp.FileHandle, maxBytes: number, sizeHint = 0): Promise<Read> {
  const chunks: Buffer[] = [];
  let total = 0;
  // Room for the whole file as stat tells it, and never less than a first chunk: a size-0 /proc
  // file is read a chunk at a time, as before.
  let buf = Buffer.allocUnsafe(Math.max(Math.min(sizeHint, maxBytes) + 1, Math.min(CHUNK_BYTES, maxBytes + 1)));
  let used = 0;
  for (;;) {
    if (used === buf.length) {
      chunks.push(buf);
      buf = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK_BYTES, maxBytes + 1 - total)));
      used = 0;
    }
    const want = Math.min(buf.length - used, CHUNK_BYTES, maxBytes + 1 - total);
    const { bytesRead } = await file.read(buf, used, Math.max(want, 1), null);
    if (bytesRead === 0) break;
    if (total === 0) {
      const notJson = notJsonStart(buf.subarray(0, bytesRead));
      if (notJson) return { ok: false, error: notJson };
    }
    used += bytesRead;
    total += bytesRead;
    if (total > maxBytes) return { ok: false, error: readPastCap(maxBytes) };
  }
  if (chunks.length === 0) return { ok: true, bytes: buf.subarray(0, used) };
  chunks.push(buf.subarray(0, used));
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

/** The text of UTF-8 `bytes`, and a warning if some were not UTF-8 (shown as U+FFFD). */
function decodeUtf8(bytes: Buffer): { text: string; warning: string | null } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warning: null };
  } catch {
    const text = bytes.toString('utf8');
    const bad = text.split('\ufffd').length - 1;
    return {
      text,
      warning: `the file is not valid UTF-8 (${bad} invalid sequence${bad === 1 ? '' : 's'}, shown as \ufffd)`,
    };
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
): Promise<OpenResult & { name: string; warnings: string[] }> {
  const name = (options.wholePath ? path : basename(path)) || JSON.stringify(path);
  const fail = (why: string) => ({ ok: false as const, error: `${name}: ${why}`, name, warnings: [] });
  let file: fsp.FileHandle | null = null;
  try {
    file = await fsp.open(path, 'r');
    const st = await file.stat();
    if (st.isDirectory()) return fail('it is a folder, not a file');
    // A pipe or device may never end (/dev/zero would fill memory): files only.
    if (!st.isFile()) return fail('not a regular file (save the snapshot to a file first)');
    // A size known to be too large is refused before a byte is read.
    const tooLarge = checkSnapshotSize(st.size, maxBytes);
    if (tooLarge) return fail(tooLarge);
    const read = await readCapped(file, maxBytes, st.size);
    if (!read.ok) return fail(read.error);
    const { text, warning } = decodeUtf8(read.bytes);
    const result = parseSnapshotText(text, { byteLength: read.bytes.length, maxBytes });
    if (!result.ok) return fail(result.error);
    return { ...result, name, warnings: warning ? [`${name}: ${warning}`] : [] };
  } catch (err) {
    return fail(ioMessage(err));
  } finally {
    await file?.close().catch(() => {});
  }
}
