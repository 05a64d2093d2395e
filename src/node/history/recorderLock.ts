/**
 * One recorder per database: the second one refuses. The claim is a row in `meta` (pid and the
 * process's start time, so a reused pid is not mistaken for the old recorder) taken inside an
 * IMMEDIATE transaction, so two recorders starting at once cannot both win. A recorder killed with
 * SIGKILL leaves its row behind; the next one sees that process is gone and takes over.
 */
import { readFileSync } from 'node:fs';
import { scalar, type Db } from './historyDb';

export class RecorderBusyError extends Error {}

/** The kernel's start time of `pid` (field 22 of /proc/PID/stat), '' where unknown, null when gone. */
function startTimeOf(pid: number): string | null {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return null;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

function claimOf(pid: number): string {
  return `${pid} ${startTimeOf(pid) ?? ''}`;
}

/** Takes the recorder claim on `db` for this process; throws RecorderBusyError if another recorder holds it. */
export function claimRecorder(db: Db, path: string): void {
  db.transaction(() => {
    const held = scalar<string>(db, "SELECT value FROM meta WHERE key = 'recorder'", 'value');
    if (held) {
      const [pidText, started = ''] = held.split(' ');
      const pid = Number(pidText);
      const now = pid > 0 ? startTimeOf(pid) : null;
      if (now !== null && (started === '' || now === '' || now === started))
        throw new RecorderBusyError(
          `another recorder (pid ${pid}) is writing to ${path}; stop it first, or record to another file with --db`,
        );
    }
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('recorder', ?)").run([claimOf(process.pid)]);
  }).immediate();
}

/** Gives the claim up (a clean stop). */
export function releaseRecorder(db: Db): void {
  db.prepare("DELETE FROM meta WHERE key = 'recorder' AND value LIKE ?").run([`${process.pid} %`]);
}

/** The pid recording into `db` now, or null. */
export function activeRecorder(db: Db): number | null {
  const held = scalar<string>(db, "SELECT value FROM meta WHERE key = 'recorder'", 'value');
  if (!held) return null;
  const [pidText, started = ''] = held.split(' ');
  const now = startTimeOf(Number(pidText));
  return now !== null && (started === '' || now === '' || now === started) ? Number(pidText) : null;
}
