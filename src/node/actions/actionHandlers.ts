/**
 * The action methods' handlers, shared by the desktop app and `sockeye serve`: what may be done
 * here (actionsInfo), stopping a process, closing connections, the log and a port's bind check.
 * Every kill and close, done or refused, is logged before its answer goes out.
 */
import { ApiError } from '../../common/contract/api';
import type { ActionLogEntry, CloseParams, KillParams } from '../../common/actions/actionApi';
import { closeTargetText } from '../../common/actions/closePlan';
import type { Handlers } from '../api/apiDispatch';
import { gateAction, type ActionPolicy } from './actionGate';
import type { ActionLog } from './actionLog';
import { closeConnections, closeSupport } from './closeConnections';
import { checkPort } from './portCheck';
import { stopProcess } from './stopProcess';

export type ActionHandlers = Pick<
  Handlers,
  'actionsInfo' | 'killProcess' | 'closeConnections' | 'actionLog' | 'checkPort'
>;

export interface ActionsOptions {
  policy: ActionPolicy;
  log: ActionLog;
  /** Pids never stopped (this process; its children are refused by parent pid). */
  selfPids?: readonly number[];
  onError?: (message: string) => void;
}

export const KILL_NOTES: Record<string, string> = {
  win32:
    'Windows has no signals: a polite stop asks the program’s windows to close (taskkill); SIGKILL ends it at once (TerminateProcess, taskkill /F)',
  default: 'SIGTERM asks the process to exit; if it is still running after the wait, SIGKILL ends it without cleanup',
};

export class ActionRecorder {
  constructor(private readonly opts: ActionsOptions) {}

  async record(entry: Omit<ActionLogEntry, 'time' | 'requestedBy'>): Promise<void> {
    try {
      await this.opts.log.append({
        time: new Date().toISOString(),
        requestedBy: this.opts.policy.requestedBy,
        ...entry,
      });
    } catch (err) {
      // The action already happened (or was refused); a full disk must not hide that from the user.
      this.opts.onError?.(`could not write the action log ${this.opts.log.path}: ${(err as Error).message}`);
    }
  }

  /** Log a call the policy refused, with whatever target it named (its params may be anything). */
  async refused(method: string, params: unknown, client: string, reason: string): Promise<void> {
    const p = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
    const conns = Array.isArray(p.connections) ? p.connections : [];
    await this.record({
      action: method === 'closeConnections' ? 'close' : 'kill',
      signal: typeof p.signal === 'string' ? p.signal.slice(0, 16) : null,
      target: {
        pid: typeof p.pid === 'number' && Number.isInteger(p.pid) ? p.pid : null,
        startedAt: typeof p.startedAt === 'string' ? p.startedAt.slice(0, 64) : null,
        label: typeof p.label === 'string' ? p.label.slice(0, 300) : null,
      },
      connection: conns.length ? `${conns.length} connection(s)` : null,
      client,
      outcome: 'refused',
      message: reason,
    });
  }
}

export function createActionHandlers(opts: ActionsOptions): { handlers: ActionHandlers; recorder: ActionRecorder } {
  const recorder = new ActionRecorder(opts);
  const selfPids = opts.selfPids ?? [process.pid];
  const guard = async (method: string, params: unknown, client: string) => {
    const refusal = gateAction(opts.policy, method);
    if (!refusal) return;
    await recorder.refused(method, params, client, refusal.message);
    throw refusal;
  };
  const kill = async (p: KillParams, client: string) => {
    await guard('killProcess', p, client);
    const result = await stopProcess({
      identity: { pid: p.pid, startedAt: p.startedAt, path: p.path },
      signal: p.signal,
      timeoutMs: p.timeoutMs,
      selfPids,
    });
    await recorder.record({
      action: 'kill',
      signal: p.signal,
      target: { pid: p.pid, startedAt: p.startedAt, label: p.label },
      connection: null,
      client,
      outcome: result.outcome,
      message: result.message,
    });
    return result;
  };
  const close = async (p: CloseParams, client: string) => {
    await guard('closeConnections', p, client);
    const result = await closeConnections(p.connections);
    for (const r of result.results)
      await recorder.record({
        action: 'close',
        signal: null,
        target: { pid: r.connection.pid, startedAt: null, label: r.connection.label },
        connection: closeTargetText(r.connection),
        client,
        outcome: r.outcome,
        message: r.message,
      });
    return result;
  };
  const handlers: ActionHandlers = {
    actionsInfo: async () => ({
      allowed: opts.policy.allowed,
      reason: opts.policy.reason,
      requestedBy: opts.policy.requestedBy,
      platform: process.platform,
      killNote: KILL_NOTES[process.platform] ?? KILL_NOTES.default!,
      close: closeSupport(),
      selfPids: [...selfPids],
    }),
    killProcess: (p, ctx) => kill(p, ctx.clientId),
    closeConnections: (p, ctx) => close(p, ctx.clientId),
    actionLog: async ({ limit }) => ({ entries: await opts.log.read(limit ?? 200), path: opts.log.path }),
    checkPort: ({ port, protocol }) => checkPort(port, protocol),
  };
  return { handlers, recorder };
}

/** For a build or session with no actions at all (a saved snapshot has no processes to stop). */
export function noActionHandlers(reason: string): ActionHandlers {
  const off = async (): Promise<never> => {
    throw new ApiError(reason, 'UNAVAILABLE');
  };
  return {
    actionsInfo: async () => ({
      allowed: false,
      reason,
      requestedBy: 'serve client',
      platform: process.platform,
      killNote: KILL_NOTES[process.platform] ?? KILL_NOTES.default!,
      close: { supported: false, note: reason, missing: null },
      selfPids: [process.pid],
    }),
    killProcess: off,
    closeConnections: off,
    actionLog: async () => ({ entries: [], path: null }),
    checkPort: ({ port, protocol }) => checkPort(port, protocol),
  };
}
