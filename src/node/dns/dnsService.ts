/**
 * The resolver service: forward lookups and forward-confirmed reverse lookups over c-ares, each
 * bounded by a deadline (default 2 s), with a TTL cache, in-flight de-duplication, a concurrency
 * limit, server fail-over (we ask servers one by one, so we know which one answered) and
 * cancellation of everything on close().
 */
import { Resolver } from 'node:dns/promises';
import type { DnsRecordType, DnsResult } from '../../common/dns/dnsModel';
import { parseDnsServer, type DnsServerSpec } from '../../common/dns/dnsServerSpec';
import { forwardLookup } from './forwardLookup';
import { HostsFile } from './hostsFile';
import { DeadlineError, Limiter, LimiterClosedError } from './limiter';
import { ActiveResolvers, DnsClosedError, queryServer, type ServerOutcome } from './queryServer';
import { reverseLookup } from './reverseLookup';
import { SystemResolver } from './systemResolver';
import { TtlCache, type TtlCacheOptions } from './ttlCache';
import type { QueryContext } from './queryContext';

export const DEFAULT_DNS_TIMEOUT_MS = 2000;

/** A server spec the user gave that is not `HOST[:PORT]`. */
export class DnsServerSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DnsServerSpecError';
  }
}

export interface DnsServiceOptions {
  /** `HOST[:PORT]` servers to ask by default; the system's (resolv.conf) when absent. */
  servers?: string[];
  timeoutMs?: number;
  /** Queries in flight at once (c-ares). */
  concurrency?: number;
  /** System-resolver calls at once (each holds one of libuv's four threads). */
  systemConcurrency?: number;
  hostsPath?: string;
  cache?: TtlCacheOptions;
}

export interface QueryOptions {
  /** Servers for this query (`HOST[:PORT]`); the service's default when absent or empty. */
  servers?: string[];
  timeoutMs?: number;
}

export interface ReverseOptions extends QueryOptions {
  /** Also ask the system resolver (default true); bulk resolving turns it off. */
  system?: boolean;
}

export function parseServers(specs: string[]): DnsServerSpec[] {
  return specs.map((s) => {
    const parsed = parseDnsServer(s);
    if ('error' in parsed) throw new DnsServerSpecError(parsed.error);
    return parsed;
  });
}

/** The servers the system is configured with (resolv.conf), as c-ares reads them. */
function systemServers(): DnsServerSpec[] {
  const out: DnsServerSpec[] = [];
  for (const s of new Resolver().getServers()) {
    const parsed = parseDnsServer(s);
    if (!('error' in parsed)) out.push(parsed);
  }
  // c-ares' own fallback when nothing is configured.
  return out.length ? out : [parseDnsServer('127.0.0.1') as DnsServerSpec];
}

/** How much earlier than a caller's own deadline a query in flight may end and still be joined. */
const JOIN_SLACK_MS = 100;

export class DnsService {
  readonly timeoutMs: number;
  private readonly defaultServers: DnsServerSpec[] | null;
  private systemCache: { servers: DnsServerSpec[]; at: number } | null = null;
  private readonly cache: TtlCache;
  private readonly inFlight = new Map<string, { promise: Promise<DnsResult>; deadline: number }>();
  private readonly limiter: Limiter;
  private readonly systemLimiter: Limiter;
  private readonly system: SystemResolver;
  private readonly active = new ActiveResolvers();
  private readonly hosts: HostsFile;
  private readonly ctx: QueryContext;
  private closed = false;
  /** Queries actually sent (cache and de-duplication hits excluded), for tests and the bench. */
  queriesSent = 0;

  constructor(opts: DnsServiceOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_DNS_TIMEOUT_MS;
    this.defaultServers = opts.servers?.length ? parseServers(opts.servers) : null;
    this.cache = new TtlCache(opts.cache);
    this.limiter = new Limiter(opts.concurrency ?? 32);
    this.systemLimiter = new Limiter(opts.systemConcurrency ?? 2);
    this.hosts = new HostsFile(opts.hostsPath);
    this.system = new SystemResolver(this.systemLimiter);
    this.ctx = { query: (n, t, s, d) => this.query(n, t, s, d), system: this.system, hosts: this.hosts };
  }

  /** The servers asked by default, as `HOST:PORT`. */
  get servers(): string[] {
    return this.serversFor(undefined).map((s) => s.text);
  }

  /** Forward lookup of one name for each type (A when none given); one result per type. */
  async lookup(name: string, types: DnsRecordType[] = ['A'], opts: QueryOptions = {}): Promise<DnsResult[]> {
    this.ensureOpen();
    const servers = this.serversFor(opts.servers);
    const deadline = Date.now() + (opts.timeoutMs ?? this.timeoutMs);
    return Promise.all([...new Set(types)].map((type) => forwardLookup(this.ctx, name, type, servers, deadline)));
  }

  /** Reverse (PTR) lookup of an address, forward-confirmed, with the system resolver's answer beside it. */
  async reverse(address: string, opts: ReverseOptions = {}): Promise<DnsResult> {
    this.ensureOpen();
    const servers = this.serversFor(opts.servers);
    const deadline = Date.now() + (opts.timeoutMs ?? this.timeoutMs);
    return reverseLookup(this.ctx, address, servers, deadline, opts.system ?? true);
  }

  /** Cancels every query in flight and refuses new ones (app quit, serve's SIGINT). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.limiter.close();
    this.systemLimiter.close();
    this.active.cancelAll();
    this.cache.clear();
    this.system.clear();
  }

  get activeQueries(): number {
    return this.active.size;
  }

  private ensureOpen(): void {
    if (this.closed) throw new DnsClosedError();
  }

  private serversFor(specs: string[] | undefined): DnsServerSpec[] {
    if (specs?.length) return parseServers(specs);
    if (this.defaultServers) return this.defaultServers;
    // resolv.conf changes when a laptop changes networks: look again now and then.
    if (!this.systemCache || Date.now() - this.systemCache.at > 30_000)
      this.systemCache = { servers: systemServers(), at: Date.now() };
    return this.systemCache.servers;
  }

  /** One name and type: from the cache, joined to the same question in flight, or asked. */
  private query(name: string, type: DnsRecordType, servers: DnsServerSpec[], deadline: number): Promise<DnsResult> {
    if (this.closed) return Promise.reject(new DnsClosedError());
    const key = `${servers.map((s) => s.text).join(',')}|${type}|${name.toLowerCase()}`;
    const hit = this.cache.get(key);
    if (hit) return Promise.resolve(hit);
    // Joined only when it will wait about as long as this caller would: a query started with a
    // clearly shorter deadline would end in TIMEOUT well before this caller's time is up.
    const running = this.inFlight.get(key);
    if (running && running.deadline >= deadline - JOIN_SLACK_MS) {
      // A joiner may also have less time left than the caller who started the query.
      return withDeadline(running.promise, deadline, () => timeoutResult(name, type, servers[0]!.text));
    }
    const promise = this.ask(name, type, servers, deadline).then((result) => {
      this.cache.set(key, result);
      return result;
    });
    const entry = { promise, deadline };
    const cleanup = () => {
      if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
    };
    promise.then(cleanup, cleanup);
    this.inFlight.set(key, entry);
    return promise;
  }

  /** Ask the servers in turn until one answers (a failing or silent server passes to the next). */
  private async ask(name: string, type: DnsRecordType, servers: DnsServerSpec[], deadline: number): Promise<DnsResult> {
    let release: () => void;
    try {
      release = await this.limiter.acquire(deadline);
    } catch (err) {
      if (err instanceof LimiterClosedError) throw new DnsClosedError();
      if (err instanceof DeadlineError)
        return timeoutResult(
          name,
          type,
          servers[0]!.text,
          'too many lookups at once; this one waited its whole time for a turn',
        );
      throw err;
    }
    try {
      let last: ServerOutcome | null = null;
      let spent = 0;
      for (let i = 0; i < servers.length; i++) {
        const left = deadline - Date.now();
        if (left <= 0 && last) break;
        // Share what is left between the servers still to ask, so one silent server cannot use it all.
        const budget = Math.max(50, left / (servers.length - i));
        this.queriesSent++;
        last = await queryServer(servers[i]!, name, type, budget, this.active);
        spent += last.elapsedMs;
        const code = last.error?.code;
        if (code !== 'TIMEOUT' && code !== 'UNREACHABLE' && code !== 'SERVFAIL' && code !== 'REFUSED') break;
      }
      return {
        query: name,
        type,
        server: last!.server,
        elapsedMs: Math.round(spent * 10) / 10,
        answers: last!.records,
        error: last!.error,
      };
    } finally {
      release();
    }
  }
}

function timeoutResult(name: string, type: DnsRecordType, server: string, why?: string): DnsResult {
  return {
    query: name,
    type,
    server,
    elapsedMs: 0,
    answers: [],
    error: { code: 'TIMEOUT', message: why ?? `no answer from ${server} in time` },
  };
}

/** Resolves with `promise`, or with `onTimeout()` once `deadline` passes. */
export function withDeadline<T>(promise: Promise<T>, deadline: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>(
    (res) => (timer = setTimeout(() => res(onTimeout()), Math.max(0, deadline - Date.now()))),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
