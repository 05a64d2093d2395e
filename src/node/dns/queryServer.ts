/**
 * One question to one server on a c-ares Resolver of its own (so cancelling it cancels nothing
 * else): tries: 1 and our own timer, which cancels the query and reports TIMEOUT whatever code
 * Node then gives. Every live Resolver is tracked so shutdown can cancel them all.
 */
import { Resolver } from 'node:dns/promises';
import type { DnsError, DnsRecord, DnsRecordType } from '../../common/dns/dnsModel';
import type { DnsServerSpec } from '../../common/dns/dnsServerSpec';
import { mapResolverError } from './errorCodes';
import { queryRecords } from './records';

export interface ServerOutcome {
  records: DnsRecord[];
  error: DnsError | null;
  server: string;
  elapsedMs: number;
}

/** Thrown into callers whose query was cancelled because the resolver is shutting down. */
export class DnsClosedError extends Error {
  constructor() {
    super('the DNS resolver is shutting down');
    this.name = 'DnsClosedError';
  }
}

export class ActiveResolvers {
  private readonly live = new Set<Resolver>();
  closed = false;

  add(r: Resolver): void {
    this.live.add(r);
  }

  delete(r: Resolver): void {
    this.live.delete(r);
  }

  get size(): number {
    return this.live.size;
  }

  cancelAll(): void {
    this.closed = true;
    for (const r of this.live) r.cancel();
    this.live.clear();
  }
}

export async function queryServer(
  server: DnsServerSpec,
  name: string,
  type: DnsRecordType,
  timeoutMs: number,
  active: ActiveResolvers,
): Promise<ServerOutcome> {
  if (active.closed) throw new DnsClosedError();
  const budget = Math.max(1, Math.ceil(timeoutMs));
  // c-ares' own timer is the same length; ours decides, so a late or odd code never leaks out.
  const resolver = new Resolver({ timeout: budget, tries: 1 });
  resolver.setServers([server.text]);
  active.add(resolver);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    resolver.cancel();
  }, budget);
  const t0 = performance.now();
  const elapsed = () => Math.round((performance.now() - t0) * 10) / 10;
  try {
    const records = await queryRecords(resolver, name, type);
    // Some resolve* calls answer an empty NOERROR reply with [] instead of ENODATA.
    if (records.length === 0)
      return {
        records,
        error: mapResolverError('ENODATA', type, server.text, ''),
        server: server.text,
        elapsedMs: elapsed(),
      };
    return { records, error: null, server: server.text, elapsedMs: elapsed() };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (timedOut || e.code === 'ETIMEOUT')
      return {
        records: [],
        error: { code: 'TIMEOUT', message: `no answer from ${server.text} within ${budget} ms` },
        server: server.text,
        elapsedMs: elapsed(),
      };
    if (e.code === 'ECANCELLED' && active.closed) throw new DnsClosedError();
    return {
      records: [],
      error: mapResolverError(e.code, type, server.text, e.message),
      server: server.text,
      elapsedMs: elapsed(),
    };
  } finally {
    clearTimeout(timer);
    active.delete(resolver);
  }
}
