/**
 * The handlers behind every API method, shared by Electron main and `sockeye serve`.
 */
import { ApiError } from '../../common/contract/api';
import type { Handlers } from './apiDispatch';
import { PiecedJson } from './apiDispatch';
import { DEFAULT_INTERVAL_MS, LiveHub } from '../snapshot/liveHub';
import type { SnapshotService } from '../snapshot/snapshotService';
import type { PiecedText } from '../../common/wire/pieces';
import { noActionHandlers, type ActionHandlers } from '../actions/actionHandlers';
import { loadFleet } from '../fleet/loadFleet';
import { historyHandlers, type HistoryControl } from './historyHandlers';

export interface DnsProvider {
  lookup: Handlers['dnsLookup'];
  reverse: Handlers['dnsReverse'];
}

/** `takenAt` of a snapshot's JSON text, read from its head without parsing the whole. */
export function takenAtOf(json: PiecedText): string | null {
  return /"takenAt":"([^"]{1,64})"/.exec(headOf(json, 256))?.[1] ?? null;
}

/** About the first `chars` characters of the text, without decoding the rest of its pieces. */
function headOf(json: PiecedText, chars: number): string {
  if (typeof json === 'string') return json.slice(0, chars);
  let head = '';
  for (const piece of json.pieces) {
    if (head.length >= chars) break;
    // A character cut at the end of these bytes decodes as U+FFFD: harmless, nothing is parsed there.
    head +=
      typeof piece === 'string'
        ? piece.slice(0, chars)
        : Buffer.from(piece.buffer, piece.byteOffset, Math.min(piece.byteLength, chars)).toString('utf8');
  }
  return head;
}

/** The desktop's own dialogs (Electron main); `sockeye serve` has none, its browser downloads and picks files itself. */
export interface FileDialogs {
  saveExport: Handlers['saveExport'];
  openSnapshot: Handlers['openSnapshot'];
}

/** A saved snapshot served instead of the live host (`sockeye serve --snapshot FILE`). */
export interface SavedSource {
  /** The validated document as JSON text. */
  json: string;
  name: string;
}

export interface ApiBackend {
  handlers: Handlers;
  live: LiveHub;
  /** Forget a client that went away (closed window, dropped WebSocket). */
  disconnect(clientId: string): void;
}

export function createApiBackend(opts: {
  snapshots: SnapshotService;
  dns?: DnsProvider;
  files?: FileDialogs;
  saved?: SavedSource;
  /** Stopping processes and closing connections (see actions/); without it every action is refused. */
  actions?: ActionHandlers;
  /** What the desktop may change about the history (recording on/off); serve follows its command line. */
  history?: HistoryControl;
  onError?: (message: string) => void;
}): ApiBackend {
  const live = new LiveHub(opts.snapshots, opts.onError);
  // Every client that has called is told of new alerts (a pushed `alert` event).
  const clients = new Map<string, (eventJson: PiecedText) => void>();
  opts.snapshots.onAlerts((alerts) => {
    const json = JSON.stringify({ type: 'alert', alerts });
    for (const push of clients.values()) push(json);
  });
  const noDns = async (): Promise<never> => {
    throw new ApiError('DNS lookups are not available in this build', 'UNAVAILABLE');
  };
  const desktopOnly = async (): Promise<never> => {
    throw new ApiError(
      'saving and opening through a dialog is a desktop feature; the browser downloads and picks files itself',
      'UNAVAILABLE',
    );
  };
  const saved = opts.saved;
  const handlers: Handlers = {
    snapshot: async (_params, ctx) => {
      if (saved) return new PiecedJson(saved.json);
      const json = await opts.snapshots.takeJson();
      const takenAt = takenAtOf(json);
      if (takenAt) live.noteBase(ctx.clientId, takenAt);
      return new PiecedJson(json);
    },
    live: async ({ enabled, intervalMs, base }, ctx) => {
      const interval = intervalMs ?? DEFAULT_INTERVAL_MS;
      // A saved snapshot does not change: live refresh stays off.
      if (saved) return { enabled: false, intervalMs: interval };
      if (enabled) live.subscribe(ctx.clientId, { intervalMs: interval, base: base ?? null, send: ctx.push });
      else live.unsubscribe(ctx.clientId);
      return { enabled, intervalMs: interval };
    },
    dnsLookup: (params, ctx) => (opts.dns ? opts.dns.lookup(params, ctx) : noDns()),
    dnsReverse: (params, ctx) => (opts.dns ? opts.dns.reverse(params, ctx) : noDns()),
    source: async () => (saved ? { kind: 'saved', name: saved.name } : { kind: 'live', name: null }),
    saveExport: (params, ctx) => (opts.files ? opts.files.saveExport(params, ctx) : desktopOnly()),
    openSnapshot: (params, ctx) => (opts.files ? opts.files.openSnapshot(params, ctx) : desktopOnly()),
    // Lists off: a list's lines come back as sources, which would let a serve session read any text file (ADR 0070).
    fleetLoad: ({ sources, timeoutMs }) => loadFleet(sources, { timeoutMs, lists: false }),
    ...(opts.actions ?? noActionHandlers('stopping processes and closing connections is not available here')),
    ...historyHandlers(opts.snapshots, opts.history ?? {}, saved !== undefined),
  };
  const tracked = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (params: never, ctx: Parameters<typeof handler>[1]) => {
        if (!clients.has(ctx.clientId)) clients.set(ctx.clientId, ctx.push);
        return (handler as (p: never, c: typeof ctx) => ReturnType<typeof handler>)(params, ctx);
      },
    ]),
  ) as Handlers;
  return {
    handlers: tracked,
    live,
    disconnect: (id) => {
      clients.delete(id);
      live.unsubscribe(id);
    },
  };
}
