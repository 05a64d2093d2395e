/**
 * The system resolver (getaddrinfo / getnameinfo through dns.lookup and dns.lookupService), which
 * honours the hosts file and nsswitch. It runs on libuv's small thread pool and cannot be
 * cancelled, so calls are few at a time (a Limiter slot is held until the call really returns)
 * and each caller stops waiting at its deadline.
 */
import { lookup, lookupService } from 'node:dns/promises';
import type { DnsError } from '../../common/dns/dnsModel';
import { DeadlineError, type Limiter } from './limiter';

export interface SystemOutcome {
  values: string[];
  error: DnsError | null;
  elapsedMs: number;
}

function mapSystemError(err: unknown): DnsError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND') return { code: 'NXDOMAIN', message: 'the system resolver knows no such name' };
  if (code === 'ENODATA')
    return { code: 'NODATA', message: 'the system resolver has no address of this family for the name' };
  if (code === 'EAI_AGAIN')
    return { code: 'TIMEOUT', message: 'the system resolver could not get an answer (EAI_AGAIN)' };
  return { code: 'SERVFAIL', message: `the system resolver failed: ${code ?? (err as Error).message}` };
}

async function bounded(limiter: Limiter, deadline: number, work: () => Promise<string[]>): Promise<SystemOutcome> {
  const t0 = performance.now();
  const elapsed = () => Math.round((performance.now() - t0) * 10) / 10;
  let release: () => void;
  try {
    release = await limiter.acquire(deadline);
  } catch (err) {
    if (err instanceof DeadlineError)
      return {
        values: [],
        error: { code: 'TIMEOUT', message: 'the system resolver is busy with earlier lookups' },
        elapsedMs: elapsed(),
      };
    throw err;
  }
  const call = work().finally(release);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>(
    (res) => (timer = setTimeout(() => res('timeout'), Math.max(0, deadline - Date.now()))),
  );
  try {
    const values = await Promise.race([call, timeout]);
    if (values === 'timeout') {
      call.catch(() => {});
      return {
        values: [],
        error: { code: 'TIMEOUT', message: 'no answer from the system resolver in time' },
        elapsedMs: elapsed(),
      };
    }
    return { values, error: null, elapsedMs: elapsed() };
  } catch (err) {
    return { values: [], error: mapSystemError(err), elapsedMs: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The system resolver's answers, kept briefly (30 s; 10 s for failures): getnameinfo has no TTL to
 * honour, and asking it again for every click would hold a thread each time.
 */
export class SystemResolver {
  private readonly cache = new Map<string, { outcome: SystemOutcome; expiresAt: number }>();

  constructor(readonly limiter: Limiter) {}

  private async cached(key: string, ask: () => Promise<SystemOutcome>): Promise<SystemOutcome> {
    const hit = this.cache.get(key);
    if (hit && hit.expiresAt > Date.now()) return { ...hit.outcome, elapsedMs: 0 };
    const outcome = await ask();
    // A timeout says nothing about the name: not kept.
    if (outcome.error?.code !== 'TIMEOUT') {
      this.cache.set(key, { outcome, expiresAt: Date.now() + (outcome.error ? 10_000 : 30_000) });
      if (this.cache.size > 2000) this.cache.delete(this.cache.keys().next().value!);
    }
    return outcome;
  }

  reverse(address: string, deadline: number): Promise<SystemOutcome> {
    return this.cached(`r|${address}`, () => systemReverse(address, this.limiter, deadline));
  }

  forward(name: string, family: 4 | 6, deadline: number): Promise<SystemOutcome> {
    return this.cached(`f${family}|${name.toLowerCase()}`, () => systemForward(name, family, this.limiter, deadline));
  }

  clear(): void {
    this.cache.clear();
  }
}

/** The system resolver's name for an address (getnameinfo). */
export function systemReverse(address: string, limiter: Limiter, deadline: number): Promise<SystemOutcome> {
  return bounded(limiter, deadline, async () => {
    const { hostname } = await lookupService(address, 0);
    return hostname && hostname !== address ? [hostname] : [];
  });
}

/** The system resolver's addresses for a name (getaddrinfo) of one family. */
export function systemForward(name: string, family: 4 | 6, limiter: Limiter, deadline: number): Promise<SystemOutcome> {
  return bounded(limiter, deadline, async () => {
    const all = await lookup(name, { all: true, family });
    return [...new Set(all.map((a) => a.address))];
  });
}
