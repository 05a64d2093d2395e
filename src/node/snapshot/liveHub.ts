/**
 * Live refresh for every connected view (the Electron window, each browser tab of `sockeye
 * serve`): one timer at the shortest interval anyone asked for, one collection per tick shared
 * by all, and for each subscriber either the delta against the snapshot it already has or, when
 * it has another one (it just joined, or refreshed by hand), the whole snapshot.
 */
import type { LiveTick } from './liveDeltas';
import { wrapPieced, type PiecedText } from '../../common/wire/pieces';

export interface LiveSource {
  /** `quiet`: nobody is subscribed (a tick for the history only), so no JSON text is wanted. */
  takeLive(wantFull: boolean, quiet?: boolean): Promise<LiveTick>;
}

export interface LiveSubscriber {
  intervalMs: number;
  /** `takenAt` of the snapshot this subscriber holds; null until it has one. */
  base: string | null;
  /** Send one event (already JSON: `{"type":"snapshot",…}` or `{"type":"delta",…}`). */
  send(eventJson: PiecedText): void;
}

export const DEFAULT_INTERVAL_MS = 1000;
export const MIN_INTERVAL_MS = 250;

export class LiveHub {
  private readonly subscribers = new Map<string, LiveSubscriber>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private lastTakenAt: string | null = null;
  private closed = false;
  /** Ticks go on at this interval with nobody subscribed (the history records while the app runs). */
  private backgroundMs: number | null = null;

  constructor(
    private readonly source: LiveSource,
    private readonly onError: (message: string) => void = () => {},
  ) {}

  /** Start (or change) live refresh for one subscriber. */
  subscribe(id: string, subscriber: LiveSubscriber): void {
    this.subscribers.set(id, { ...subscriber, intervalMs: Math.max(MIN_INTERVAL_MS, subscriber.intervalMs) });
    this.schedule(0);
  }

  unsubscribe(id: string): void {
    this.subscribers.delete(id);
    if (this.subscribers.size === 0 && this.backgroundMs === null) this.stopTimer();
  }

  /** Keep ticking every `ms` even with no subscriber (null: only while someone watches). */
  setBackground(ms: number | null): void {
    this.backgroundMs = ms === null ? null : Math.max(MIN_INTERVAL_MS, ms);
    if (ms === null && this.subscribers.size === 0) this.stopTimer();
    else this.schedule(0);
  }

  /** Record that a subscriber now holds the snapshot taken at `takenAt` (it asked for one by hand). */
  noteBase(id: string, takenAt: string): void {
    const sub = this.subscribers.get(id);
    if (sub) sub.base = takenAt;
  }

  get interval(): number | null {
    let min: number | null = this.backgroundMs;
    for (const s of this.subscribers.values()) min = min === null ? s.intervalMs : Math.min(min, s.intervalMs);
    return min;
  }

  close(): void {
    this.closed = true;
    this.subscribers.clear();
    this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.ticking) return;
    this.stopTimer();
    if (this.subscribers.size === 0 && this.backgroundMs === null) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
    // A background tick alone must not keep a process alive that is otherwise done.
    if (this.subscribers.size === 0) this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.ticking || (this.subscribers.size === 0 && this.backgroundMs === null)) return;
    this.ticking = true;
    const started = Date.now();
    try {
      const wantFull = [...this.subscribers.values()].some((s) => s.base === null || s.base !== this.lastTakenAt);
      const tick = await this.source.takeLive(wantFull, this.subscribers.size === 0);
      this.lastTakenAt = tick.takenAt;
      for (const sub of this.subscribers.values()) {
        if (tick.delta !== null && sub.base !== null && sub.base === tick.baseTakenAt) {
          sub.send(wrapPieced('{"type":"delta","delta":', tick.delta, '}'));
        } else if (tick.full !== null) {
          sub.send(wrapPieced('{"type":"snapshot","snapshot":', tick.full, '}'));
        } else {
          continue; // cannot happen: the source sends the whole when a delta is absent or asked for
        }
        sub.base = tick.takenAt;
      }
    } catch (err) {
      this.onError(`live refresh failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.ticking = false;
    }
    // The interval is between starts; a slow collection does not pile up ticks.
    const interval = this.interval;
    if (interval !== null) this.schedule(Math.max(0, interval - (Date.now() - started)));
  }
}
