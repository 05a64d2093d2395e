/**
 * Reading a history: the host at a moment (the latest keyframe at or before it, then every delta
 * up to it), the events in a span, and the span recorded. Only reads, so it works while a recorder
 * writes (WAL) and never changes a file it was pointed at.
 */
import type { Snapshot } from '../../common/model/model';
import type { SnapshotDelta } from '../../common/snapshot/snapshotDelta';
import { replayDeltas } from '../../common/history/replayDeltas';
import type { HistoryEvent } from '../../common/history/historyEvents';
import { KEYFRAME, type Db } from './historyDb';
import { unpackJson } from './historyCodec';

/** Parts of a tick a stored delta leaves out when they did not change since the tick before. */
export const SLIM_PARTS = ['host', 'interfaces', 'edges', 'dnsNames', 'warnings'] as const;
export type SlimPart = (typeof SLIM_PARTS)[number];
export type StoredDelta = Omit<SnapshotDelta, SlimPart> & Partial<Pick<SnapshotDelta, SlimPart>>;

/** Stored deltas made whole again: a part left out is the previous tick's. */
function* fillParts(base: Snapshot, stored: Iterable<StoredDelta>): Generator<SnapshotDelta> {
  let last: Pick<SnapshotDelta, SlimPart> = base;
  for (const d of stored) {
    const whole = { ...d } as SnapshotDelta;
    for (const part of SLIM_PARTS)
      if (whole[part] === undefined) (whole as Record<SlimPart, unknown>)[part] = last[part];
    last = whole;
    yield whole;
  }
}

export interface RecordedSpan {
  first: number;
  last: number;
  ticks: number;
  keyframes: number;
}

export function recordedSpan(db: Db): RecordedSpan | null {
  const row = db
    .prepare('SELECT min(at) AS first, max(at) AS last, count(*) AS ticks, sum(kind = ?) AS keyframes FROM ticks')
    .get([KEYFRAME]) as { first: number | null; last: number; ticks: number; keyframes: number };
  return row.first === null ? null : { first: row.first, last: row.last, ticks: row.ticks, keyframes: row.keyframes };
}

/** The snapshot recorded last at or before `at` (ms), or null when nothing was recorded by then. */
export function snapshotAt(db: Db, at: number): Snapshot | null {
  const key = db
    .prepare('SELECT id, body FROM ticks WHERE kind = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT 1')
    .get([KEYFRAME, at]) as { id: number; body: Uint8Array } | undefined;
  if (!key) return null;
  const deltas = db
    .prepare('SELECT body FROM ticks WHERE id > ? AND at <= ? AND kind <> ? ORDER BY id')
    .pluck()
    .all([key.id, at, KEYFRAME]) as Uint8Array[];
  // A broken chain (only an edited file has one) ends the rebuild at the last good tick.
  const base = unpackJson<Snapshot>(key.body);
  return replayDeltas(
    base,
    fillParts(
      base,
      deltas.map((body) => unpackJson<StoredDelta>(body)),
    ),
  );
}

export interface EventQuery {
  since: number;
  until?: number;
  /** Only events whose local or remote port is this (uses the port indexes). */
  port?: number;
  /** Only events of this pid (uses the pid index). */
  pid?: number;
}

/** Events in the span, oldest first, in the order they were recorded. */
export function* eventsBetween(db: Db, q: EventQuery): Generator<HistoryEvent> {
  const until = q.until ?? Number.MAX_SAFE_INTEGER;
  let sql = 'SELECT body FROM events WHERE at >= ? AND at <= ?';
  const params: number[] = [q.since, until];
  if (q.port !== undefined) {
    // Two indexed lookups joined, rather than one OR that would scan.
    sql =
      'SELECT body FROM (SELECT id, body FROM events WHERE port = ? AND at BETWEEN ? AND ? ' +
      'UNION SELECT id, body FROM events WHERE rport = ? AND at BETWEEN ? AND ?) ORDER BY id';
    params.splice(0, 2, q.port, q.since, until, q.port, q.since, until);
  } else if (q.pid !== undefined) {
    sql = 'SELECT body FROM events WHERE pid = ? AND at BETWEEN ? AND ?';
    params.splice(0, 2, q.pid, q.since, until);
  }
  if (q.port === undefined) sql += ' ORDER BY id';
  for (const row of db.prepare(sql).iterate(params) as IterableIterator<{ body: string }>)
    yield JSON.parse(row.body) as HistoryEvent;
}

/** Listeners marked as expected (`sockeye watch --expect-current`): key → label. */
export function expectedListeners(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT key, label FROM expected').all([]) as { key: string; label: string }[];
  return new Map(rows.map((r) => [r.key, r.label]));
}
