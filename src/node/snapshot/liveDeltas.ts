/**
 * Keeps the last snapshot taken so the next one can go out as a delta. Runs wherever the
 * collection runs (the snapshot worker, or in-process for the CLI and tests).
 */
import type { PiecedText } from '../../common/wire/pieces';
import type { Snapshot } from '../../common/model/model';
import { computeDelta, type SnapshotDelta } from '../../common/snapshot/snapshotDelta';
import type { SnapshotTaker } from './snapshotTaker';
import { rememberApiDocument, type TakenSnapshot } from './apiDocuments';

export type { TakenSnapshot };

/** One tick: JSON texts as strings where they are made, as pieces once handed from the worker. */
export interface LiveTick<Text extends PiecedText = PiecedText> {
  takenAt: string;
  /** The whole snapshot as JSON: when asked for, or when a delta would not be smaller. */
  full: Text | null;
  /** `sockeye.delta/1` JSON against the previous snapshot (`baseTakenAt`), when smaller than the whole. */
  delta: Text | null;
  baseTakenAt: string | null;
}

export class LiveDeltas {
  private last: Snapshot | null = null;
  /** The newest snapshot taken for any caller (live tick, refresh, API). */
  private latestTaken: TakenSnapshot | null = null;
  /** The collection under way, shared by the API and live ticks rather than run twice at once. */
  private taking: Promise<TakenSnapshot> | null = null;
  /** The last tick's snapshot and delta as objects, for whatever runs beside collection (the history). */
  lastTick: { next: Snapshot; delta: SnapshotDelta | null } | null = null;

  constructor(private readonly taker: SnapshotTaker) {}

  private async timedTake(): Promise<TakenSnapshot> {
    const started = performance.now();
    const snapshot = await this.taker.take();
    const taken = { snapshot, durationMs: performance.now() - started, doneAt: Date.now() };
    if (!this.latestTaken || taken.doneAt >= this.latestTaken.doneAt) this.latestTaken = taken;
    return taken;
  }

  /** A collection: the one under way if any, else a new one. */
  private sharedTake(): Promise<TakenSnapshot> {
    this.taking ??= this.timedTake().finally(() => {
      this.taking = null;
    });
    return this.taking;
  }

  /**
   * For the read-only API (GET /v1/snapshot, /metrics): the newest snapshot if it finished at
   * most `maxAgeMs` ago (live refresh keeps one fresh while a page is open), else the collection
   * under way, else a new one. A scrape never adds a second collection to a recent one.
   */
  recent(maxAgeMs: number): Promise<TakenSnapshot> {
    const latest = this.latestTaken;
    if (latest && Date.now() - latest.doneAt <= maxAgeMs) return Promise.resolve(latest);
    return this.sharedTake();
  }

  /**
   * A whole snapshot (an explicit refresh). It does not become the base of the next delta:
   * deltas always follow the previous live tick, which is what the live hub keeps track of.
   */
  async full(): Promise<string> {
    return JSON.stringify((await this.timedTake()).snapshot);
  }

  /** `quiet`: nobody is listening (a tick for the history only): no JSON text is made. */
  async tick(wantFull: boolean, quiet = false): Promise<LiveTick<string>> {
    const prev = this.last;
    // An API collection under way is as fresh as a new one: the tick takes it instead of a second.
    const taken = await this.sharedTake();
    const next = taken.snapshot;
    this.last = next;
    let delta: string | null = null;
    let d: SnapshotDelta | null = null;
    if (prev) {
      d = computeDelta(prev, next);
      // Rows are what cost bytes; a delta touching more than half the rows is not worth it.
      const changed = d.sockets.added.length + d.sockets.updated.length + d.sockets.removed.length;
      if (changed < next.sockets.length / 2 && !quiet) delta = JSON.stringify(d);
    }
    this.lastTick = { next, delta: d };
    if (quiet) return { takenAt: next.takenAt, full: null, delta: null, baseTakenAt: prev?.takenAt ?? null };
    const full = wantFull || delta === null ? JSON.stringify(next) : null;
    if (full !== null) rememberApiDocument(taken, 'snapshot', full);
    return {
      takenAt: next.takenAt,
      full,
      delta,
      baseTakenAt: prev?.takenAt ?? null,
    };
  }
}
