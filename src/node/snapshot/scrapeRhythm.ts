/**
 * Scrapers come at a steady interval (Prometheus: every `scrape_interval`, 15 s by default),
 * longer than the API's freshness bound, so each scrape would wait for a collection of its own.
 * This learns the interval from the scrapes' arrival times and asks for the collection a little
 * before the next one is due — the same one collection per interval, only earlier — so the
 * scrape finds a fresh snapshot and costs only the sending. After the scrapes stop, at most one
 * collection is taken for nobody. See ADR 0067.
 */

/** Shorter intervals are served by the freshness bound alone. */
const MIN_INTERVAL_MS = 3000;
/** Longer ones are not worth a timer (and the snapshot would be the same cost anyway). */
const MAX_INTERVAL_MS = 10 * 60_000;
/** Two intervals this close (as a fraction) are one rhythm. */
const TOLERANCE = 0.25;
/** Asked for this long before the collection's own duration before the scrape is due. */
const MARGIN_MS = 400;
/** Never earlier than this before the visit: API_FRESH_MS (2 s) less a margin. */
const MAX_LEAD_MS = 1500;

export class ScrapeRhythm {
  private arrivals: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** What the last warm-up took: a collection's cost, the lead the next one needs. */
  private warmMs = 0;

  /** `warm()`: take and hold the document now. `now`: the clock (tests may pass their own). */
  constructor(
    private readonly warm: () => Promise<unknown>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A scrape that arrived at `arrivedAt` (this clock) has been answered; `costMs` is what the
   * answer took. Arrivals, not answers, keep the scraper's rhythm: an answer that had to wait
   * for a collection ends later than the visit began.
   */
  scraped(arrivedAt: number, costMs: number): void {
    this.arrivals = [...this.arrivals.slice(-2), arrivedAt];
    this.stop();
    const interval = this.steadyInterval();
    if (interval === null) return;
    // A scrape that found the snapshot warm cost little: the lead is the collection's cost, with
    // room for a slower one (a loaded machine), but short enough that the snapshot is still
    // within the API's freshness bound when the scrape arrives.
    const lead = Math.min(interval / 2, MAX_LEAD_MS, 1.5 * Math.max(costMs, this.warmMs) + MARGIN_MS);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        const started = this.now();
        this.warm().then(
          () => (this.warmMs = this.now() - started),
          () => {},
        );
      },
      Math.max(0, arrivedAt + interval - lead - this.now()),
    );
    this.timer.unref();
  }

  /** The interval of the last three arrivals when they keep one (within TOLERANCE), else null. */
  steadyInterval(): number | null {
    if (this.arrivals.length < 3) return null;
    const [a, b, c] = this.arrivals as [number, number, number];
    const i1 = b - a;
    const i2 = c - b;
    if (i2 < MIN_INTERVAL_MS || i2 > MAX_INTERVAL_MS) return null;
    if (Math.abs(i1 - i2) > TOLERANCE * i2) return null;
    return (i1 + i2) / 2;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
