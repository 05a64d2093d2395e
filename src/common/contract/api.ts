/**
 * The one contract between the renderer and whatever serves it (Electron main over IPC, or
 * `sockeye serve` over a WebSocket). Every method has a params schema (validated by the
 * serving side before anything runs) and a result schema. Transports are generic over this
 * table, so a new method is one entry here plus one handler in core.
 */
import { z } from 'zod';
import { SnapshotSchema, type Snapshot } from '../model/model';
import type { SnapshotDelta } from '../snapshot/snapshotDelta';
import { DnsRecordTypeSchema, DnsResultSchema, type DnsResult } from '../dns/dnsModel';
import { EXPORT_FORMATS } from '../export/formats';
import { MAX_SNAPSHOT_BYTES } from '../snapshot/openSnapshot';
import { FleetSchema } from '../fleet/fleetModel';
import {
  ActionLogResultSchema,
  ActionsInfoSchema,
  CheckPortParamsSchema,
  CheckPortResultSchema,
  CloseParamsSchema,
  CloseResultSchema,
  KillParamsSchema,
  KillResultSchema,
} from '../actions/actionApi';
import { historyMethods, type StoredAlertView } from './historyApi';

/** IPC channels: `sockeye:call` carries every method call (method, params), `sockeye:event` the pushes. */
export const IPC_CALL_CHANNEL = 'sockeye:call';
export const IPC_EVENT_CHANNEL = 'sockeye:event';

const dnsServer = z.string().min(1).max(300);

export const apiMethods = {
  /** Take a fresh snapshot of this host. */
  snapshot: {
    params: z.object({}).strict(),
    result: SnapshotSchema,
  },
  /**
   * Start, change or stop live refresh for this view. While on, the serving side pushes
   * `snapshot` and `delta` events at the interval (the shortest any view asked for).
   */
  live: {
    params: z
      .object({
        enabled: z.boolean(),
        intervalMs: z.number().int().min(250).max(60_000).optional(),
        /** `takenAt` of the snapshot the view holds, so the first push can be a delta. */
        base: z.string().max(64).nullable().optional(),
      })
      .strict(),
    result: z.object({ enabled: z.boolean(), intervalMs: z.number().int() }),
  },
  /** Forward lookup of one name for one or more record types. */
  dnsLookup: {
    params: z
      .object({
        name: z.string().min(1).max(1024),
        types: z.array(DnsRecordTypeSchema).min(1).max(10).optional(),
        server: dnsServer.optional(),
        timeoutMs: z.number().int().min(50).max(30000).optional(),
      })
      .strict(),
    result: z.array(DnsResultSchema),
  },
  /** Reverse (PTR) lookup of an address, forward-confirmed. */
  dnsReverse: {
    params: z
      .object({
        address: z.string().min(1).max(64),
        server: dnsServer.optional(),
        timeoutMs: z.number().int().min(50).max(30000).optional(),
        /** Also ask the system resolver (getnameinfo; default true). Bulk resolving skips it: it holds one of libuv's few threads per call. */
        system: z.boolean().optional(),
      })
      .strict(),
    result: DnsResultSchema,
  },
  /** Where this session's snapshots come from: the live host, or a saved file (`sockeye serve --snapshot`). */
  source: {
    params: z.object({}).strict(),
    result: z.object({ kind: z.enum(['live', 'saved']), name: z.string().nullable() }),
  },
  /**
   * Desktop only: save an export through a dialog the main process owns, written atomically.
   * The renderer hands over the content and a suggested name, never a path.
   */
  saveExport: {
    params: z
      .object({
        format: z.enum(EXPORT_FORMATS),
        scope: z.enum(['all', 'filtered']),
        masked: z.boolean(),
        suggestedName: z.string().min(1).max(200),
        content: z.string().max(MAX_SNAPSHOT_BYTES),
      })
      .strict(),
    result: z.object({ saved: z.boolean(), name: z.string().nullable() }),
  },
  /** Desktop only: pick a saved snapshot in a dialog the main process owns; main reads and validates it. */
  openSnapshot: {
    params: z.object({}).strict(),
    result: z.object({
      canceled: z.boolean(),
      name: z.string().nullable(),
      snapshot: SnapshotSchema.nullable(),
      /** What was wrong with the file but did not stop it opening (bytes that are not UTF-8). */
      warnings: z.array(z.string()).optional(),
    }),
  },
  /** Whether this session may stop processes and close connections, and what the platform allows. */
  actionsInfo: {
    params: z.object({}).strict(),
    result: ActionsInfoSchema,
  },
  /**
   * Stop a process: re-checks its identity (start time, executable) first, sends the signal and
   * waits up to `timeoutMs` for it to exit. An action: refused where actions are off.
   */
  killProcess: {
    params: KillParamsSchema,
    result: KillResultSchema,
  },
  /** Close established TCP connections (Linux SOCK_DESTROY). An action: refused where actions are off. */
  closeConnections: {
    params: CloseParamsSchema,
    result: CloseResultSchema,
  },
  /** The newest entries of the action log (every action, done or refused), newest first. */
  actionLog: {
    params: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    result: ActionLogResultSchema,
  },
  /** Whether a port can be bound right now (on 0.0.0.0 and ::): "free" checked, not guessed from the table. */
  checkPort: {
    params: CheckPortParamsSchema,
    result: CheckPortResultSchema,
  },
  /**
   * Read several hosts' snapshots (other `sockeye serve` URLs with their API token, saved snapshot
   * files, list files — read by the serving side) and merge them into the fleet view. Read-only;
   * in `sockeye serve` only what the session holder typed is fetched (docs/adr/0070).
   */
  fleetLoad: {
    params: z
      .object({
        sources: z.array(z.string().trim().min(1).max(2048)).min(1).max(200),
        timeoutMs: z.number().int().min(100).max(60_000).optional(),
      })
      .strict(),
    result: FleetSchema,
  },
  ...historyMethods,
} as const;

/** The methods that change the machine; `sockeye serve` refuses them unless started with --allow-actions. */
export const ACTION_METHODS: readonly MethodName[] = ['killProcess', 'closeConnections'];

export type ApiMethods = typeof apiMethods;
export type MethodName = keyof ApiMethods;
export type ParamsOf<M extends MethodName> = z.input<ApiMethods[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<ApiMethods[M]['result']>;

/** Events pushed from the serving side to the renderer. */
export type ApiEvent =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'delta'; delta: SnapshotDelta }
  /** A desktop menu command the renderer carries out (File › Open…, File › Export…). */
  | { type: 'menu'; command: MenuCommand }
  /** New alerts, as the recorder found them (history, issue 15). */
  | { type: 'alert'; alerts: StoredAlertView[] }
  /** Desktop: a notification was clicked; show this process. */
  | { type: 'openProcess'; pid: number };

export type MenuCommand = 'open' | 'export';

/** What the renderer talks to, whichever transport carries it. */
export type SockeyeApi = {
  [M in MethodName]: (params: ParamsOf<M>) => Promise<ResultOf<M>>;
} & {
  /** Subscribe to pushed events; returns an unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** Which transport this is, for the header ("desktop" or "browser"). */
  readonly transport: 'ipc' | 'websocket';
};

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiMethods, name);
}

/** An error a handler may throw on purpose; its message is safe to show to the user. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string = 'ERROR',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type { Snapshot, DnsResult };
