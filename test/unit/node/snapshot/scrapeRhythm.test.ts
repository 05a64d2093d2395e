import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScrapeRhythm } from '../../../../src/node/snapshot/scrapeRhythm';

afterEach(() => vi.useRealTimers());

describe('ScrapeRhythm', () => {
  it('warms up once, a collection’s cost before a steady scraper’s next visit, and not after it stops', async () => {
    vi.useFakeTimers();
    let warmed: number[] = [];
    const rhythm = new ScrapeRhythm(async () => {
      warmed.push(Date.now());
    });
    const t0 = Date.now();
    rhythm.scraped(Date.now(), 500);
    vi.advanceTimersByTime(15_000);
    rhythm.scraped(Date.now(), 500);
    vi.advanceTimersByTime(15_000);
    expect(warmed).toEqual([]); // two arrivals are no rhythm yet
    rhythm.scraped(Date.now(), 500);
    expect(rhythm.steadyInterval()).toBe(15_000);
    vi.advanceTimersByTime(15_000);
    expect(warmed).toEqual([t0 + 45_000 - 1150]); // 1.5 × 500 ms cost + 400 ms margin early
    warmed = [];
    vi.advanceTimersByTime(60_000);
    expect(warmed).toEqual([]); // the scraper stopped: nothing more
  });

  it('keeps the rhythm of arrivals when the answers came late (each waited for a collection)', () => {
    vi.useFakeTimers();
    const warmed: number[] = [];
    const rhythm = new ScrapeRhythm(async () => {
      warmed.push(Date.now());
    });
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) {
      const arrived = Date.now();
      vi.advanceTimersByTime(900); // the answer took 900 ms
      rhythm.scraped(arrived, 900);
      vi.advanceTimersByTime(15_000 - 900);
    }
    // Due at t0 + 45 s; asked for min(1.5 s, 1.5 × 900 + 400 ms) = 1.5 s before.
    expect(warmed).toEqual([t0 + 45_000 - 1500]);
    rhythm.stop();
  });

  it('leaves irregular or fast scrapers to the freshness bound', () => {
    vi.useFakeTimers();
    const rhythm = new ScrapeRhythm(async () => {});
    for (const gap of [0, 15_000, 4_000]) {
      vi.advanceTimersByTime(gap);
      rhythm.scraped(Date.now(), 10);
    }
    expect(rhythm.steadyInterval()).toBeNull();
    const fast = new ScrapeRhythm(async () => {});
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(1000);
      fast.scraped(Date.now(), 10);
    }
    expect(fast.steadyInterval()).toBeNull();
    rhythm.stop();
    fast.stop();
  });
});
