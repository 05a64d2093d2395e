/**
 * Answers kept as long as their TTL says (capped), negative answers (NXDOMAIN, NODATA) for a short
 * time, failures (timeouts, unreachable or failing servers) not at all: those may be gone a
 * moment later. On a hit the TTLs count down from when the answer was stored, as a resolver's do.
 */
import type { DnsResult } from '../../common/dns/dnsModel';

export interface TtlCacheOptions {
  /** Longest any answer is kept, in seconds. */
  maxTtlS?: number;
  /** How long NXDOMAIN and NODATA are kept, in seconds. */
  negativeTtlS?: number;
  /** Kept for answers whose records carry no TTL (Node reports TTLs only for A and AAAA). */
  unknownTtlS?: number;
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  result: DnsResult;
  storedAt: number;
  expiresAt: number;
}

export class TtlCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxTtlS: number;
  private readonly negativeTtlS: number;
  private readonly unknownTtlS: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(opts: TtlCacheOptions = {}) {
    this.maxTtlS = opts.maxTtlS ?? 3600;
    this.negativeTtlS = opts.negativeTtlS ?? 15;
    this.unknownTtlS = opts.unknownTtlS ?? 60;
    this.maxEntries = opts.maxEntries ?? 2000;
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** How long a result may be kept, in seconds (0: not at all). */
  lifetimeS(result: DnsResult): number {
    if (result.error) return result.error.code === 'NXDOMAIN' || result.error.code === 'NODATA' ? this.negativeTtlS : 0;
    const ttls = result.answers.map((a) => a.ttl).filter((t): t is number => t !== null);
    const ttl = ttls.length ? Math.min(...ttls) : this.unknownTtlS;
    return Math.min(ttl, this.maxTtlS);
  }

  set(key: string, result: DnsResult): void {
    const life = this.lifetimeS(result);
    if (life <= 0) return;
    const now = this.now();
    this.entries.delete(key);
    this.entries.set(key, { result, storedAt: now, expiresAt: now + life * 1000 });
    // Map keeps insertion order: the first entries are the oldest.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get(key: string): DnsResult | null {
    const e = this.entries.get(key);
    if (!e) return null;
    const now = this.now();
    if (now >= e.expiresAt) {
      this.entries.delete(key);
      return null;
    }
    const ageS = Math.floor((now - e.storedAt) / 1000);
    return {
      ...e.result,
      cached: true,
      elapsedMs: 0,
      answers: e.result.answers.map((a) => (a.ttl === null ? a : { ...a, ttl: Math.max(0, a.ttl - ageS) })),
    };
  }

  clear(): void {
    this.entries.clear();
  }
}
