/**
 * The handlers behind every API method, shared by Electron main and `sockeye serve`.
 */
import { ApiError } from '../../shared/api';
import type { Handlers } from './apiDispatch';
import { RawJson } from './apiDispatch';
import { DEFAULT_INTERVAL_MS, LiveHub } from './liveHub';
import type { SnapshotService } from './snapshotService';

export interface DnsProvider {
  lookup: Handlers['dnsLookup'];
  reverse: Handlers['dnsReverse'];
}

/** `takenAt` of a snapshot's JSON text, read from its head without parsing the whole. */
export function takenAtOf(json: string): string | null {
  return /"takenAt":"([^"]{1,64})"/.exec(json.slice(0, 256))?.[1] ?? null;
}

export interface ApiBackend {
  handlers: Handlers;
  live: LiveHub;
  /** Forget a client that went away (closed window, dropped WebSocket). */
  disconnect(clientId: string): void;
}

export function createApiBackend(opts: { snapshots: SnapshotService; dns?: DnsProvider; onError?: (message: string) => void }): ApiBackend {
  const live = new LiveHub(opts.snapshots, opts.onError);
  const noDns = async (): Promise<never> => {
    throw new ApiError('DNS lookups are not available in this build', 'UNAVAILABLE');
  };
  const handlers: Handlers = {
    snapshot: async (_params, ctx) => {
      const json = await opts.snapshots.takeJson();
      const takenAt = takenAtOf(json);
      if (takenAt) live.noteBase(ctx.clientId, takenAt);
      return new RawJson(json);
    },
    live: async ({ enabled, intervalMs, base }, ctx) => {
      const interval = intervalMs ?? DEFAULT_INTERVAL_MS;
      if (enabled) live.subscribe(ctx.clientId, { intervalMs: interval, base: base ?? null, send: ctx.push });
      else live.unsubscribe(ctx.clientId);
      return { enabled, intervalMs: interval };
    },
    dnsLookup: (params, ctx) => (opts.dns ? opts.dns.lookup(params, ctx) : noDns()),
    dnsReverse: (params, ctx) => (opts.dns ? opts.dns.reverse(params, ctx) : noDns()),
  };
  return { handlers, live, disconnect: (id) => live.unsubscribe(id) };
}
