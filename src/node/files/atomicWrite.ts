/**
 * Atomic file replacement: write a temporary file in the target's folder, flush it to disk,
 * rename it over the target, flush the folder. A crash or a full disk part-way leaves the old
 * file whole; the error says so.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  rm: typeof fsp.rm;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, fs: AtomicFs = fsp): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await fs.open(tmp, 'wx', 0o644);
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => {});
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`could not write ${path}: ${reason} (any previous file there is intact)`, { cause: err });
  }
  // Make the rename itself durable; not all platforms allow opening a folder, which is fine.
  try {
    const d = await fsp.open(dir, 'r');
    await d.sync().finally(() => d.close());
  } catch {
    /* best effort */
  }
}
