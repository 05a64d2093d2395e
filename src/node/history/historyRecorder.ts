/**
 * Recording: each tick's delta (what live refresh computes) with the events it stands for, one
 * transaction per tick, plus a keyframe (the whole snapshot) every few minutes so any moment is
 * rebuilt from at most a few minutes of deltas. Retention by age and by size runs after each tick,
 * oldest keyframe segment first, so what is left always rebuilds.
 */
import type { Snapshot } from '../../common/model/model';
import { computeDelta, type SnapshotDelta } from '../../common/snapshot/snapshotDelta';
import {
  eventPid,
  eventPort,
  eventRemotePort,
  eventsOfDelta,
  type HistoryEvent,
} from '../../common/history/historyEvents';
import { deltaForHistory, snapshotForHistory } from '../../common/history/historyView';
import { DELTA, KEYFRAME, openHistoryDb, usedBytes, type Db } from './historyDb';
import { packJson } from './historyCodec';
import { claimRecorder, releaseRecorder } from './recorderLock';
import { snapshotAt, SLIM_PARTS, type SlimPart, type StoredDelta } from './historyReader';

export interface RetentionOptions {
  /** Oldest moment kept, as an age in ms (default 7 days). */
  maxAgeMs: number;
  /** Most bytes the database may use (default 500 MB). */
  maxBytes: number;
}

export interface RecorderOptions extends RetentionOptions {
  /** A keyframe at least this often (default 5 minutes). */
  keyframeEveryMs: number;
}

export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = {
  maxAgeMs: 7 * 86_400_000,
  maxBytes: 500 * 1024 * 1024,
  keyframeEveryMs: 5 * 60_000,
};

/** A small host's keyframes come by time, not by churn: a few hundred sockets are cheap to replay. */
const MIN_REPLAY_ROWS = 5000;

export interface TickRecord {
  events: HistoryEvent[];
  keyframe: boolean;
  /** Compressed bytes written for the tick itself. */
  bytes: number;
  /** Segments trimmed by retention after it. */
  trimmed: number;
}

export class HistoryRecorder {
  private prev: Snapshot | null;
  private lastKeyframeAt = -Infinity;
  private changedSinceKeyframe = 0;
  private forceKeyframe = true;
  private readonly lastParts = new Map<SlimPart, string>();
  private readonly putTick;
  private readonly putEvent;

  private constructor(
    private readonly db: Db,
    private readonly options: RecorderOptions,
  ) {
    // Resuming: the last recorded state is the base, so what changed while stopped shows as events.
    this.prev = snapshotAt(db, Number.MAX_SAFE_INTEGER);
    this.putTick = db.prepare('INSERT INTO ticks (at, kind, body) VALUES (?, ?, ?)');
    this.putEvent = db.prepare('INSERT INTO events (at, kind, pid, port, rport, body) VALUES (?, ?, ?, ?, ?, ?)');
  }

  /** Opens (or creates) the database at `path` and claims it; throws HistoryDbError or RecorderBusyError. */
  static open(path: string, options: Partial<RecorderOptions> = {}): HistoryRecorder {
    const db = openHistoryDb(path, { create: true });
    try {
      claimRecorder(db, path);
      return new HistoryRecorder(db, { ...DEFAULT_RECORDER_OPTIONS, ...options });
    } catch (err) {
      db.close();
      throw err;
    }
  }

  get database(): Db {
    return this.db;
  }

  /** The last recorded state (the resume base before the first tick: as the history stored it). */
  get lastRecorded(): Snapshot | null {
    return this.prev;
  }

  /**
   * Stores `next` (one tick) and enforces retention. `liveDelta`: the delta live refresh already
   * computed from the previous tick to `next`, reused when it follows what was recorded last.
   */
  record(next: Snapshot, liveDelta?: SnapshotDelta): TickRecord {
    const at = Date.parse(next.takenAt);
    const prev = this.prev;
    const reusable = liveDelta && prev && liveDelta.baseTakenAt === prev.takenAt && liveDelta.takenAt === next.takenAt;
    const whole = prev ? (reusable ? liveDelta : computeDelta(prev, next)) : null;
    // Per-socket traffic is not kept, per-process totals are (historyView.ts): an update that only
    // moved bytes is no change to the history.
    const delta = whole && prev ? deltaForHistory(whole, prev, next) : null;
    const events = prev && delta ? eventsOfDelta(prev, next, delta) : [];
    const changed = delta
      ? delta.sockets.added.length + delta.sockets.removed.length + delta.sockets.updated.length
      : 0;
    const keyframe =
      !delta ||
      this.forceKeyframe ||
      at - this.lastKeyframeAt >= this.options.keyframeEveryMs ||
      changed > next.sockets.length / 2 ||
      // Replaying more changed rows than a keyframe holds costs more than reading one: rebuilding
      // a moment at 20k sockets with heavy churn took 1.2–2 s from 299 deltas (bench/historyBench.ts).
      this.changedSinceKeyframe + changed > Math.max(next.sockets.length, MIN_REPLAY_ROWS);
    const body = packJson(keyframe ? snapshotForHistory(next) : this.slim(delta!));
    this.db.transaction(() => {
      this.putTick.run([at, keyframe ? KEYFRAME : DELTA, body]);
      for (const e of events)
        this.putEvent.run([at, e.kind, eventPid(e), eventPort(e), eventRemotePort(e), JSON.stringify(e)]);
    })();
    this.prev = next;
    if (keyframe) this.remember(next);
    this.changedSinceKeyframe = keyframe ? 0 : this.changedSinceKeyframe + changed;
    if (keyframe) {
      this.lastKeyframeAt = at;
      this.forceKeyframe = false;
    }
    return { events, keyframe, bytes: body.length, trimmed: this.enforceRetention(at) };
  }

  /**
   * The delta as stored: host facts, interfaces, edges and names that did not change since the
   * last tick are left out (a busy host's 7,000 edges were 600 KB in every tick); the reader takes
   * them from the tick before (see historyReader.ts).
   */
  private slim(delta: SnapshotDelta): StoredDelta {
    const stored: StoredDelta = { ...delta };
    for (const part of SLIM_PARTS) {
      const text = JSON.stringify(delta[part]);
      if (text === this.lastParts.get(part)) delete stored[part];
      else this.lastParts.set(part, text);
    }
    return stored;
  }

  private remember(s: Snapshot): void {
    for (const part of SLIM_PARTS) this.lastParts.set(part, JSON.stringify(s[part]));
  }

  /** Drops whole segments (a keyframe and its deltas), oldest first, past the age and size limits. */
  enforceRetention(now: number): number {
    const keyframes = this.db.prepare('SELECT at FROM ticks WHERE kind = ? ORDER BY at').pluck();
    let trimmed = 0;
    // By age: everything before the newest keyframe at or before the cutoff (that moment still rebuilds).
    const cutoff = now - this.options.maxAgeMs;
    const ages = (keyframes.all([KEYFRAME]) as number[]).filter((k) => k <= cutoff);
    if (ages.length > 0) trimmed += this.dropBefore(ages[ages.length - 1]!) ? 1 : 0;
    // By size: the oldest segment while over the limit and another segment remains.
    while (usedBytes(this.db) > this.options.maxBytes) {
      const starts = keyframes.all([KEYFRAME]) as number[];
      if (starts.length < 2) {
        // One segment over the limit: start a new one, so the next pass can drop this one.
        this.forceKeyframe = true;
        break;
      }
      this.dropBefore(starts[1]!);
      trimmed++;
    }
    if (trimmed > 0) this.db.exec('PRAGMA incremental_vacuum');
    return trimmed;
  }

  private dropBefore(at: number): boolean {
    let n = 0;
    this.db.transaction(() => {
      n = this.db.prepare('DELETE FROM ticks WHERE at < ?').run([at]).changes;
      this.db.prepare('DELETE FROM events WHERE at < ?').run([at]);
    })();
    return n > 0;
  }

  /** Gives up the recorder claim and closes the file. */
  close(): void {
    try {
      releaseRecorder(this.db);
    } finally {
      this.db.close();
    }
  }
}
