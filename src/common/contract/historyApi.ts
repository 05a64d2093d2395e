/**
 * The history and alert methods of the contract (issue 15): what the timeline, the per-port and
 * per-process history and the Alerts list ask the serving side. Kept beside api.ts, which spreads
 * them into its method table.
 */
import { z } from 'zod';
import { ProcessSchema, SnapshotSchema, SocketSchema } from '../model/model';
import { ALERT_KINDS } from '../history/alertRules';
import { HISTORY_EVENT_KINDS } from '../history/historyEvents';

const iso = z.string().min(1).max(64);

export const HistoryEventSchema = z.object({
  time: z.string(),
  kind: z.enum(HISTORY_EVENT_KINDS),
  socket: SocketSchema.nullable(),
  process: ProcessSchema.nullable(),
});

export const StoredAlertSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  rule: z.string(),
  event: HistoryEventSchema,
});
export type StoredAlertView = z.infer<typeof StoredAlertSchema>;

export const HistoryInfoSchema = z.object({
  /** Whether a history file is open (recorded here, or by another recorder). */
  available: z.boolean(),
  recording: z.boolean(),
  /** Why recording or reading is not possible: `busy` (another recorder), `foreign` (not a Sockeye history), `error`. */
  problem: z.object({ kind: z.enum(['busy', 'foreign', 'error']), message: z.string() }).nullable(),
  path: z.string().nullable(),
  bytes: z.number().min(0),
  otherRecorder: z.number().int().nullable(),
  span: z.object({ first: z.string(), last: z.string() }).nullable(),
  rules: z.array(z.string()),
  /** Whether this UI may turn recording on and off (the desktop; serve follows its command line). */
  canToggle: z.boolean(),
});
export type HistoryInfo = z.infer<typeof HistoryInfoSchema>;

export const ALERT_RULE_KINDS = ALERT_KINDS;

export const historyMethods = {
  /** The history's state: recording or not, the file's size, the span recorded, the alert rules. */
  historyInfo: { params: z.object({}).strict(), result: HistoryInfoSchema },
  /** The host as recorded last at or before `at` (ISO 8601); null before the first recorded moment. */
  historyAt: {
    params: z.object({ at: iso }).strict(),
    result: z.object({ snapshot: SnapshotSchema.nullable() }),
  },
  /** Recorded events in a span, oldest first; `filter` is the filter language (one port or pid uses an index). */
  historyEvents: {
    params: z
      .object({
        since: iso,
        until: iso.optional(),
        filter: z.string().max(2000).optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .strict(),
    result: z.object({ events: z.array(HistoryEventSchema), truncated: z.boolean() }),
  },
  /** The newest alerts, newest first. */
  historyAlerts: {
    params: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    result: z.object({ alerts: z.array(StoredAlertSchema) }),
  },
  /** Replace the alert rules (`[KIND=]FILTER` each). Only while recording here. */
  historySetRules: {
    params: z.object({ rules: z.array(z.string().min(1).max(2000)).max(50) }).strict(),
    result: z.object({ rules: z.array(z.string()) }),
  },
  /** Mark the listeners there now as expected: they never alert. Only while recording here. */
  historyExpectCurrent: {
    params: z.object({}).strict(),
    result: z.object({ count: z.number().int().min(0) }),
  },
  /** Desktop only: turn recording on or off (kept as a setting). */
  historySetRecording: {
    params: z.object({ enabled: z.boolean() }).strict(),
    result: HistoryInfoSchema,
  },
} as const;
