/** Options every history command shares: --db FILE (default: the state directory's history.db). */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defaultHistoryPath } from '../node/history/historyPath';
import { HistoryDbError, openHistoryDb, type Db } from '../node/history/historyDb';
import { parseMoment, type Parsed } from '../common/history/historyTime';
import { CliError, UsageError } from './errors';

export const DB_OPTION = { db: { type: 'string' } } as const;

export function historyPath(db: string | undefined): string {
  return db !== undefined ? resolve(db) : defaultHistoryPath();
}

/** The default folder is made on first use; a --db folder must exist (a typo should not create trees). */
export function ensureHistoryFolder(path: string, explicit: boolean): void {
  if (!explicit) mkdirSync(dirname(path), { recursive: true });
}

/** Opens a history for reading, with one line for a missing or foreign file. */
export function openForReading(path: string): Db {
  try {
    return openHistoryDb(path, { create: false });
  } catch (err) {
    if (err instanceof HistoryDbError) throw new CliError(err.message, 1);
    throw err;
  }
}

export function unwrap<T>(parsed: Parsed<T>, option: string): T {
  if (!parsed.ok) throw new UsageError(`${option}: ${parsed.error}`);
  return parsed.value;
}

export function momentOption(text: string, option: string, now = Date.now()): number {
  return unwrap(parseMoment(text, now), option);
}
