/**
 * Atomic file replacement: write a temporary file in the target's folder, flush it to disk,
 * rename it over the target, flush the folder. A crash or a full disk part-way leaves the old
 * file whole; the error says so.
 *
 * Permissions: the new file keeps the mode (and, as root, the owner) of the file it replaces;
 * a file that did not exist is created 0600 — exports hold command lines, which can hold
 * secrets. Temporaries left by a writer that crashed (`.NAME.<pid>.<hex>.tmp` of a process
 * that no longer runs) are removed at the next write to the same target.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  rm: typeof fsp.rm;
}

/** The mode of a file that did not exist before. */
export const NEW_FILE_MODE = 0o600;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // someone else's: it runs
  }
}

/** Removes our own naming's temporaries of `path` whose writer is gone; never anything else. */
export async function removeStaleTemporaries(path: string): Promise<string[]> {
  const dir = dirname(path);
  const ours = new RegExp(`^\\.${escapeRegExp(basename(path))}\\.(\\d+)\\.[0-9a-f]{12}\\.tmp$`);
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(ours.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || pid === process.pid || processRuns(pid)) continue;
    const stale = join(dir, name);
    // Only a plain file: a symlink or folder of that name was not made by us.
    const st = await fsp.lstat(stale).catch(() => null);
    if (!st?.isFile()) continue;
    await fsp.rm(stale, { force: true }).then(
      () => removed.push(stale),
      () => {},
    );
  }
  return removed;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, fs: AtomicFs = fsp): Promise<void> {
  const dir = dirname(path);
  await removeStaleTemporaries(path);
  const existing: Stats | null = await fsp.stat(path).catch(() => null);
  const mode = existing?.isFile() ? existing.mode & 0o7777 : NEW_FILE_MODE;
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // Created owner-only whatever comes next: the data never sits in a wider file, even briefly.
    const file = await fs.open(tmp, 'wx', 0o600);
    try {
      // chmod, unlike open's mode, is not narrowed by the umask: the old file's mode exactly.
      if (mode !== 0o600) await file.chmod(mode);
      if (existing?.isFile() && process.getuid?.() === 0) {
        await file.chown(existing.uid, existing.gid).catch(() => {});
      }
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
