/**
 * The history database file (libsql, ADR 0050): its schema, and opening it with one clear message
 * for a file that is not ours. WAL journal, so readers work while a recorder writes and a recorder
 * killed mid-write loses at most the tick it was writing. Nothing is written to a file until it is
 * known to be a Sockeye history database or a new one.
 */
import { existsSync, statSync } from 'node:fs';
import Database from 'libsql';

export type Db = Database.Database;

export const HISTORY_APP = 'sockeye.history';
export const HISTORY_VERSION = '1';

/** Tick kinds in `ticks.kind`. */
export const KEYFRAME = 1;
export const DELTA = 0;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ticks (
  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind INTEGER NOT NULL, body BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS ticks_at ON ticks (at);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL,
  pid INTEGER, port INTEGER, rport INTEGER, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_at ON events (at);
CREATE INDEX IF NOT EXISTS events_port ON events (port, at);
CREATE INDEX IF NOT EXISTS events_rport ON events (rport, at);
CREATE INDEX IF NOT EXISTS events_pid ON events (pid, at);
CREATE TABLE IF NOT EXISTS expected (key TEXT PRIMARY KEY, label TEXT NOT NULL, since INTEGER NOT NULL);
`;

export class HistoryDbError extends Error {}

/**
 * The first row's `column`, or undefined. (libsql 0.5's `pluck()` is honoured by `all()` only:
 * `get()` and `iterate()` still return row objects, with a `_metadata` member; so name columns.)
 */
export function scalar<T>(db: Db, sql: string, column: string, params: unknown[] = []): T | undefined {
  const row = db.prepare(sql).get(params) as Record<string, unknown> | undefined;
  return row ? (row[column] as T) : undefined;
}

function notOurs(path: string, why: string): HistoryDbError {
  return new HistoryDbError(
    `${path} is not a Sockeye history database (${why}); it was left untouched — choose another file with --db`,
  );
}

/**
 * Opens `path`. `create`: a missing or empty file becomes a new history database (recorders);
 * otherwise it must exist (readers). Throws HistoryDbError with one line for anything else.
 */
export function openHistoryDb(path: string, { create }: { create: boolean }): Db {
  const exists = existsSync(path);
  if (!exists && !create) throw new HistoryDbError(`no history at ${path} (start one with 'sockeye record')`);
  const fresh = !exists || statSync(path).size === 0;
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: !create });
  } catch (err) {
    throw new HistoryDbError(`cannot open ${path}: ${(err as Error).message}`);
  }
  try {
    if (!fresh) checkOurs(db, path);
    db.exec('PRAGMA busy_timeout = 5000');
    if (fresh) {
      // Before any table: auto_vacuum only takes effect on an empty database.
      db.exec('PRAGMA auto_vacuum = INCREMENTAL');
      db.exec('PRAGMA journal_mode = WAL');
      db.exec(SCHEMA);
      const put = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
      db.transaction(() => {
        put.run(['app', HISTORY_APP]);
        put.run(['version', HISTORY_VERSION]);
      })();
    }
    db.exec('PRAGMA synchronous = NORMAL');
  } catch (err) {
    db.close();
    if (err instanceof HistoryDbError) throw err;
    throw notOurs(path, (err as Error).message);
  }
  return db;
}

/** Only reads: a foreign SQLite file or a random one must not be changed by looking at it. */
function checkOurs(db: Db, path: string): void {
  let app: string | undefined;
  let version: string | undefined;
  try {
    const hasMeta = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get([]);
    if (!hasMeta) throw notOurs(path, 'no Sockeye tables in it');
    const rows = db.prepare('SELECT key, value FROM meta').all([]) as { key: string; value: string }[];
    app = rows.find((r) => r.key === 'app')?.value;
    version = rows.find((r) => r.key === 'version')?.value;
  } catch (err) {
    if (err instanceof HistoryDbError) throw err;
    throw notOurs(path, (err as Error).message);
  }
  if (app !== HISTORY_APP) throw notOurs(path, 'its meta table belongs to another program');
  if (version !== HISTORY_VERSION)
    throw new HistoryDbError(`${path} is a Sockeye history of format ${version}; this Sockeye reads format 1`);
}

/**
 * Bytes of the database in use (pages minus free pages, as this connection sees it, so pages still
 * in the WAL count): what the size limit counts. The WAL file itself is bounded by checkpoints.
 */
export function usedBytes(db: Db): number {
  const pageSize = scalar<number>(db, 'PRAGMA page_size', 'page_size') ?? 4096;
  const pages = scalar<number>(db, 'PRAGMA page_count', 'page_count') ?? 0;
  const free = scalar<number>(db, 'PRAGMA freelist_count', 'freelist_count') ?? 0;
  return (pages - free) * pageSize;
}

export function fileBytes(path: string): number {
  let n = 0;
  for (const p of [path, `${path}-wal`]) {
    try {
      n += statSync(p).size;
    } catch {
      // absent
    }
  }
  return n;
}
