/**
 * One question to one server on a c-ares Resolver of its own (so cancelling it cancels nothing
 * else): tries: 1 and our own timer, which cancels the query and reports TIMEOUT whatever code
 * Node then gives. Every live Resolver is tracked so shutdown can cancel them all.
 *
 * The budget is honoured whole: Node 20's c-ares gives up on one query after 5 s whatever
 * `timeout` says (measured: 5.0 s with timeout 10000), so a longer budget is spent in several
 * attempts, each sent anew when c-ares gave up and time is left. A server still working on the
 * question (a recursive resolver waiting on its upstream) answers the retransmission. A budget
 * longer than that on such a Node is asked through dns-packet on one socket of our own instead
 * (packetQuery.ts), so a server that answers each packet only after more than 5 s is heard too.
 * The time reported is the time actually waited.
 */
import { Resolver } from 'node:dns/promises';
import type { DnsError, DnsRecord, DnsRecordType } from '../../common/dns/dnsModel';
import { answersTruncated } from './truncationProbe';
import type { DnsServerSpec } from '../../common/dns/dnsServerSpec';
import { mapResolverError } from './errorCodes';
import { queryRecords } from './records';
import { packetQuery, type Cancellable } from './packetQuery';

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
  private readonly live = new Set<Cancellable>();
  closed = false;

  add(r: Cancellable): void {
    this.live.add(r);
  }

  delete(r: Cancellable): void {
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

/** The longest c-ares (1.34, in Node 20) waits on one query, whatever `timeout` asks for. */
export const CARES_ATTEMPT_MAX_MS = 5000;

/** Whether this Node's c-ares honours `maxTimeout` (Node 22.15+ and 23.11+), so one query may wait past 5 s. */
export function caresWaitsPast5s(version = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 23 || (major === 23 && minor >= 11) || (major === 22 && minor >= 15);
}

/** `sent`: how many times the question went out (dns-packet resends it on its socket; c-ares once). */
type Attempt = ({ records: DnsRecord[] } | { code: string | undefined; message: string; ourTimer: boolean }) & {
  sent?: number;
};

/** One c-ares query of at most `ms` (c-ares may end it sooner); our timer has the last word. */
async function attempt(
  server: DnsServerSpec,
  name: string,
  type: DnsRecordType,
  ms: number,
  active: ActiveResolvers,
): Promise<Attempt> {
  // maxTimeout lets newer Nodes (22.15+) wait past 5 s in one query; Node 20 ignores it.
  const resolver = new Resolver({ timeout: ms, tries: 1, maxTimeout: ms } as ConstructorParameters<typeof Resolver>[0]);
  resolver.setServers([server.text]);
  active.add(resolver);
  let ourTimer = false;
  const timer = setTimeout(() => {
    ourTimer = true;
    resolver.cancel();
  }, ms);
  try {
    return { records: await queryRecords(resolver, name, type) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { code: e.code, message: e.message, ourTimer };
  } finally {
    clearTimeout(timer);
    active.delete(resolver);
  }
}

/** One query through dns-packet (a budget c-ares cannot wait out); shutdown cancels it like a Resolver. */
async function packetAttempt(
  server: DnsServerSpec,
  name: string,
  type: DnsRecordType,
  ms: number,
  active: ActiveResolvers,
): Promise<Attempt> {
  let live: Cancellable | null = null;
  const got = await packetQuery(server, name, type, ms, (c) => {
    if (live) active.delete(live);
    live = c;
    if (c) active.add(c);
  });
  if ('records' in got) return got;
  return { code: got.code, message: got.message, ourTimer: got.code === 'ETIMEOUT', sent: got.sent };
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
  const t0 = performance.now();
  const waited = () => performance.now() - t0;
  const outcome = (records: DnsRecord[], error: DnsError | null, at = waited()): ServerOutcome => ({
    records,
    error,
    server: server.text,
    elapsedMs: Math.round(at * 10) / 10,
  });
  let tries = 0;
  for (;;) {
    const left = budget - waited();
    tries++;
    const ms = Math.max(1, Math.ceil(left));
    // Past c-ares' 5 s on this Node: one socket of our own for the whole budget (see above).
    const ask = tries === 1 && budget > CARES_ATTEMPT_MAX_MS && !caresWaitsPast5s() ? packetAttempt : attempt;
    const got = await ask(server, name, type, ms, active);
    tries += (got.sent ?? 1) - 1;
    if ('records' in got) {
      // Some resolve* calls answer an empty NOERROR reply with [] instead of ENODATA.
      if (got.records.length === 0) return outcome([], mapResolverError('ENODATA', type, server.text, ''));
      return outcome(got.records, null);
    }
    if (got.code === 'ECANCELLED' && active.closed) throw new DnsClosedError();
    const timedOut = got.ourTimer || got.code === 'ETIMEOUT';
    // c-ares gave up before our budget did: ask again with what is left (not for a last sliver).
    if (timedOut && budget - waited() >= 50) continue;
    if (timedOut) {
      // One reading for the message and elapsedMs, so the two never differ by a rounding.
      const at = waited();
      const how = tries > 1 ? ` (${tries} tries)` : '';
      const message = `no answer from ${server.text} in ${Math.round(Math.round(at * 10) / 10)} ms${how}`;
      return outcome([], { code: 'TIMEOUT', message }, at);
    }
    if (
      got.code === 'ETCPREFUSED' ||
      (got.code === 'ECONNREFUSED' && (await answersTruncated(server, name, type, Math.min(1000, budget - waited()))))
    ) {
      return outcome([], {
        code: 'SERVFAIL',
        message: `${server.text} answered over UDP with a truncated (TC) reply, then refused the TCP connection the full answer needs`,
      });
    }
    return outcome([], mapResolverError(got.code, type, server.text, got.message));
  }
}
