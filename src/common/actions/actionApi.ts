/**
 * The action methods' schemas (stop a process, close connections, the action log, a port's
 * bind check), kept beside the rest of the actions and entered into the API table in api.ts.
 */
import { z } from 'zod';
import { FamilySchema, ProtocolSchema } from '../model/model';
import { STOP_SIGNALS } from './signals';

const port = z.number().int().min(0).max(65535);
const iso = z.string().max(64);

export const RequesterSchema = z.enum(['desktop', 'cli', 'serve client']);
export type Requester = z.infer<typeof RequesterSchema>;

export const KillOutcomeSchema = z.enum([
  'exited',
  'already-gone',
  'still-running',
  'refused',
  'changed',
  'denied',
  'failed',
]);
export type KillOutcome = z.infer<typeof KillOutcomeSchema>;

export const CloseOutcomeSchema = z.enum(['closed', 'gone', 'refused', 'denied', 'unsupported', 'failed']);
export type CloseOutcome = z.infer<typeof CloseOutcomeSchema>;

export const MissingForCloseSchema = z.enum(['CAP_NET_ADMIN', 'CONFIG_INET_DIAG_DESTROY']);
export type MissingForClose = z.infer<typeof MissingForCloseSchema>;

export const ActionsInfoSchema = z.object({
  /** Whether this session may act at all. */
  allowed: z.boolean(),
  /** Why not, in a sentence the UI shows beside the greyed action. */
  reason: z.string().nullable(),
  requestedBy: RequesterSchema,
  platform: z.string(),
  /** What stopping a process means on this platform (Windows has no polite signal). */
  killNote: z.string(),
  /** Whether connections can be closed here, and if not, why (the platform, a capability, the kernel). */
  close: z.object({ supported: z.boolean(), note: z.string(), missing: MissingForCloseSchema.nullable() }),
  /** Pids the session never stops (its own). */
  selfPids: z.array(z.number().int()),
});
export type ActionsInfo = z.infer<typeof ActionsInfoSchema>;

export const KillParamsSchema = z
  .object({
    pid: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1),
    startedAt: iso.nullable(),
    path: z.string().max(4096).nullable(),
    label: z.string().max(300),
    signal: z.enum(STOP_SIGNALS),
    /** How long to wait for the process to exit before answering `still-running`. */
    timeoutMs: z.number().int().min(0).max(60_000),
  })
  .strict();
export type KillParams = z.infer<typeof KillParamsSchema>;

export const KillResultSchema = z.object({ outcome: KillOutcomeSchema, message: z.string(), signal: z.string() });
export type KillResult = z.infer<typeof KillResultSchema>;

export const CloseTargetSchema = z
  .object({
    family: FamilySchema,
    localAddress: z.string().min(1).max(64),
    localPort: port,
    remoteAddress: z.string().min(1).max(64),
    remotePort: port,
    pid: z.number().int().nullable(),
    label: z.string().max(300).nullable(),
  })
  .strict();

export const CloseParamsSchema = z.object({ connections: z.array(CloseTargetSchema).min(1).max(500) }).strict();
export type CloseParams = z.infer<typeof CloseParamsSchema>;

export const CloseResultSchema = z.object({
  results: z.array(z.object({ connection: CloseTargetSchema, outcome: CloseOutcomeSchema, message: z.string() })),
  missing: MissingForCloseSchema.nullable(),
});
export type CloseResult = z.infer<typeof CloseResultSchema>;

export const ActionLogEntrySchema = z.object({
  time: iso,
  action: z.enum(['kill', 'close']),
  /** The signal sent (kill), or null for a close. */
  signal: z.string().nullable(),
  target: z.object({ pid: z.number().int().nullable(), startedAt: iso.nullable(), label: z.string().nullable() }),
  /** For a close: the connection, `local → remote`. */
  connection: z.string().nullable(),
  requestedBy: RequesterSchema,
  /** Which window or browser connection asked, when there are several. */
  client: z.string().nullable(),
  outcome: z.string(),
  message: z.string(),
});
export type ActionLogEntry = z.infer<typeof ActionLogEntrySchema>;

export const ActionLogResultSchema = z.object({ entries: z.array(ActionLogEntrySchema), path: z.string().nullable() });

export const CheckPortParamsSchema = z.object({ port: port.min(1), protocol: ProtocolSchema }).strict();
export const CheckPortResultSchema = z.object({
  port,
  protocol: ProtocolSchema,
  /** Bindable right now on both 0.0.0.0 and :: (or on 0.0.0.0 alone where IPv6 is off). */
  free: z.boolean(),
  /** What each bind said: `free`, `in use`, `not permitted`, `no IPv6`… */
  ipv4: z.string(),
  ipv6: z.string(),
});
export type CheckPortResult = z.infer<typeof CheckPortResultSchema>;
