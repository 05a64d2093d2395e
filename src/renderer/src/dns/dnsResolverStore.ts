/**
 * The renderer's reverse-lookup cache, shared by every view: one entry per address (and server
 * setting), a queue that asks a few at a time so "Resolve all visible" never floods the resolver
 * or freezes the page, and the DNS settings (automatic resolving, server, timeout) kept in
 * localStorage (state/settings.ts). Views read it through useSyncExternalStore (see DnsResolverContext).
 */
import type { SockeyeApi } from '../../../common/contract/api';
import type { DnsResult } from '../../../common/dns/dnsModel';
import type { KnownName } from '../../../common/model/model';
import { canonicalAddress } from '../../../common/dns/dnsAddress';
import { dnsSetting, readSetting, writeSetting, type DnsSettings } from '../state/settings';

export type { DnsSettings };

export type ReverseState =
  | { status: 'queued' }
  | { status: 'pending' }
  | { status: 'done'; result: DnsResult; at: number }
  /** The call itself failed (connection lost, resolver shutting down), not DNS. */
  | { status: 'failed'; message: string; at: number };

/** How many reverse lookups the renderer keeps in flight at once. */
export const RESOLVE_CONCURRENCY = 4;
/** A finished answer is shown this long before it counts as stale (a click always asks again). */
const FRESH_MS = 5 * 60_000;

export class DnsResolverStore {
  private readonly states = new Map<string, ReverseState>();
  private readonly listeners = new Set<() => void>();
  private readonly queue: { key: string; system: boolean }[] = [];
  /** How many mounted cells show each address (automatic resolving only). */
  private readonly watchers = new Map<string, number>();
  private running = 0;
  private settingsValue: DnsSettings = readSetting(dnsSetting);

  constructor(private readonly api: SockeyeApi) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private versionValue = 0;

  private emit(): void {
    this.versionValue++;
    for (const l of this.listeners) l();
  }

  get settings(): DnsSettings {
    return this.settingsValue;
  }

  setSettings(patch: Partial<DnsSettings>): void {
    this.settingsValue = { ...this.settingsValue, ...patch };
    writeSetting(dnsSetting, this.settingsValue); // storage full or disabled: it holds for this session
    this.emit();
  }

  private key(address: string): string {
    return `${this.settingsValue.server}|${canonicalAddress(address) ?? address}`;
  }

  /** The state of an address under the current server setting (a stable object, for useSyncExternalStore). */
  get(address: string): ReverseState | undefined {
    return this.states.get(this.key(address));
  }

  /** Whether an address has a fresh answer or one on the way. */
  isSettled(address: string): boolean {
    const s = this.get(address);
    if (!s) return false;
    if (s.status === 'queued' || s.status === 'pending') return true;
    return Date.now() - s.at < FRESH_MS;
  }

  /**
   * Queues a reverse lookup; `force` asks again even if an answer is fresh; `bulk` (resolve all,
   * automatic) leaves out the system resolver, which the server can only ask a few at a time.
   * Resolves when it is done.
   */
  resolve(address: string, opts: { force?: boolean; bulk?: boolean } = {}): Promise<void> {
    const force = opts.force ?? false;
    const key = this.key(address);
    const s = this.states.get(key);
    if (s && (s.status === 'queued' || s.status === 'pending')) return this.whenDone(key);
    if (!force && this.isSettled(address)) return Promise.resolve();
    this.states.set(key, { status: 'queued' });
    this.queue.push({ key, system: !opts.bulk });
    this.emit();
    this.pump();
    return this.whenDone(key);
  }

  /** Records an answer obtained elsewhere (the DNS tab), so every view shows it. */
  put(address: string, result: DnsResult): void {
    const key = this.key(address);
    const s = this.states.get(key);
    if (s && (s.status === 'queued' || s.status === 'pending')) return;
    this.states.set(key, { status: 'done', result, at: Date.now() });
    this.emit();
  }

  /** Names learned so far (under the current server setting), in the snapshot's `dnsNames` shape, for exports and the map. */
  knownNames(): KnownName[] {
    const prefix = `${this.settingsValue.server}|`;
    const out: KnownName[] = [];
    for (const [key, s] of this.states) {
      if (!key.startsWith(prefix) || s.status !== 'done' || !s.result.names?.length) continue;
      const best = [...s.result.names].sort((a, b) => Number(b.confirmed) - Number(a.confirmed))[0]!;
      out.push({
        address: key.slice(prefix.length),
        names: s.result.names.map((n) => n.name),
        source: best.source,
        confirmed: best.confirmed,
      });
    }
    return out;
  }

  /** Bumped on every change, so memoised consumers (a NameLookup) know when to rebuild. */
  get version(): number {
    return this.versionValue;
  }

  /**
   * A cell showing `address` came into view; the returned function says it left. A bulk lookup
   * still waiting in the queue when no cell shows its address any more is dropped, so scrolling
   * through thousands of rows with automatic resolving on does not leave a long queue behind.
   */
  watch(address: string): () => void {
    const key = this.key(address);
    this.watchers.set(key, (this.watchers.get(key) ?? 0) + 1);
    return () => {
      const n = (this.watchers.get(key) ?? 1) - 1;
      if (n > 0) {
        this.watchers.set(key, n);
        return;
      }
      this.watchers.delete(key);
      const i = this.queue.findIndex((q) => q.key === key && !q.system);
      if (i >= 0 && this.states.get(key)?.status === 'queued') {
        this.queue.splice(i, 1);
        this.states.delete(key);
        this.emit();
      }
    };
  }

  /** Drops lookups still waiting in the queue (those in flight finish). */
  cancelQueued(): void {
    for (const { key } of this.queue.splice(0)) this.states.delete(key);
    this.emit();
  }

  get queued(): number {
    return this.queue.length;
  }

  private whenDone(key: string): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        const s = this.states.get(key);
        if (!s || s.status === 'done' || s.status === 'failed') {
          unsubscribe();
          resolve();
        }
      };
      const unsubscribe = this.subscribe(check);
      check();
    });
  }

  private pump(): void {
    while (this.running < RESOLVE_CONCURRENCY && this.queue.length) {
      const { key, system } = this.queue.shift()!;
      const bar = key.indexOf('|');
      const server = key.slice(0, bar);
      const address = key.slice(bar + 1);
      this.running++;
      this.states.set(key, { status: 'pending' });
      this.emit();
      this.api
        .dnsReverse({ address, server: server || undefined, timeoutMs: this.settingsValue.timeoutMs, system })
        .then(
          (result) => this.states.set(key, { status: 'done', result, at: Date.now() }),
          (err: unknown) =>
            this.states.set(key, {
              status: 'failed',
              message: err instanceof Error ? err.message : String(err),
              at: Date.now(),
            }),
        )
        .finally(() => {
          this.running--;
          this.emit();
          this.pump();
        });
    }
  }
}
