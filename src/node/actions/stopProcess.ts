/**
 * Stop one process, carefully: refuse PID 1 and Sockeye itself, re-read the pid's identity
 * (start time, executable) and abort if it is no longer the process the user confirmed, send
 * the signal, then wait for it to exit. SIGKILL is never sent unasked: a caller that wants the
 * escalation calls again with SIGKILL (the UI after offering it, the CLI with --force), and the
 * identity is checked again then.
 */
import { execFile } from 'node:child_process';
import { checkIdentity, type ProcessIdentity } from '../../common/actions/identity';
import { refusalFor } from '../../common/actions/killPlan';
import type { StopSignal } from '../../common/actions/signals';
import type { KillResult } from '../../common/actions/actionApi';
import { readCurrentProcess, type CurrentProcess } from './readIdentity';

export interface StopRequest {
  identity: ProcessIdentity;
  signal: StopSignal;
  timeoutMs: number;
  /** Pids never stopped: this Sockeye process (and its children, checked by parent pid). */
  selfPids: readonly number[];
}

export interface StopDeps {
  read(pid: number): Promise<CurrentProcess | null>;
  send(pid: number, signal: StopSignal): Promise<void>;
  sleep(ms: number): Promise<void>;
}

const POLL_MS = 50;

/**
 * On Windows there are no signals: Node's process.kill ends the process at once (TerminateProcess,
 * what `taskkill /F` does), so the polite request is `taskkill /PID n` (asks its windows to close;
 * a console program without a window cannot be asked, and taskkill says it needs /F).
 */
export async function sendSignal(pid: number, signal: StopSignal): Promise<void> {
  if (process.platform === 'win32' && signal !== 'SIGKILL') {
    await new Promise<void>((resolve, reject) =>
      execFile('taskkill', ['/PID', String(pid)], { windowsHide: true }, (err, _out, stderr) =>
        err ? reject(Object.assign(new Error(stderr.trim() || err.message), { code: 'ETASKKILL' })) : resolve(),
      ),
    );
    return;
  }
  process.kill(pid, signal);
}

export const defaultStopDeps: StopDeps = {
  read: (pid) => readCurrentProcess(pid),
  send: sendSignal,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

function elevateHint(pid: number): string {
  return process.platform === 'win32'
    ? 'run Sockeye as administrator to stop it'
    : `run Sockeye elevated to stop it (sudo sockeye kill ${pid})`;
}

export async function stopProcess(req: StopRequest, deps: StopDeps = defaultStopDeps): Promise<KillResult> {
  const { pid } = req.identity;
  const signal = req.signal;
  const answer = (outcome: KillResult['outcome'], message: string): KillResult => ({ outcome, message, signal });
  const refusal = refusalFor(pid, req.selfPids);
  if (refusal) return answer('refused', `not stopped: ${refusal}`);
  const before = await deps.read(pid);
  const check = checkIdentity(req.identity, before);
  if (!check.same)
    return check.gone
      ? answer('already-gone', `process ${pid} had already exited: nothing to stop`)
      : answer('changed', `not stopped: ${check.reason}`);
  if (before && before.ppid !== null && req.selfPids.includes(before.ppid))
    return answer('refused', `not stopped: pid ${pid} is part of Sockeye (its parent is Sockeye)`);
  try {
    await deps.send(pid, signal);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return answer('already-gone', `process ${pid} had already exited: nothing to stop`);
    if (code === 'EPERM')
      return answer(
        'denied',
        `not permitted: process ${pid} belongs to ${before?.user ? `user ${before.user}` : 'another user'}; ${elevateHint(pid)}`,
      );
    return answer('failed', `could not signal process ${pid}: ${(err as Error).message}`);
  }
  const deadline = Date.now() + req.timeoutMs;
  for (;;) {
    const now = await deps.read(pid);
    if (!checkIdentity(req.identity, now).same) return answer('exited', `process ${pid} exited after ${signal}`);
    if (Date.now() >= deadline) break;
    await deps.sleep(Math.min(POLL_MS, Math.max(1, deadline - Date.now())));
  }
  return answer(
    'still-running',
    signal === 'SIGKILL'
      ? `process ${pid} is still there ${req.timeoutMs / 1000} s after SIGKILL (stuck in the kernel, uninterruptible I/O?)`
      : `process ${pid} is still running ${req.timeoutMs / 1000} s after ${signal}; SIGKILL ends it without letting it clean up`,
  );
}
