/**
 * `sockeye kill TARGET [--yes] [--timeout S] [--signal NAME] [--force]`: stop a process (a pid)
 * or the processes holding a listening port (:PORT). Shows what will be lost, asks (or takes
 * --yes), re-checks each target's identity, sends the signal, waits, and with --force follows
 * up with SIGKILL. Exit 0 when every target is gone, 1 when one is not, 2 for bad usage.
 */
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import { confirmLogged, parseSeconds } from '../confirm';
import { cliRecorder } from '../actionRecorder';
import { terminalSafe } from '../text/terminalText';
import { lossLines, parseKillTarget, planKill, type KillTarget } from '../../common/actions/killPlan';
import { DEFAULT_STOP_TIMEOUT_MS, parseStopSignal, STOP_SIGNALS, type StopSignal } from '../../common/actions/signals';
import type { KillResult } from '../../common/actions/actionApi';
import type { Process } from '../../common/model/model';
import { createSnapshotService } from '../../node/snapshot/snapshotService';
import { readProcessInfo } from '../../node/collectors/procfs/processInfo';
import { stopProcess } from '../../node/actions/stopProcess';

const HELP = `usage: sockeye kill TARGET [--yes] [--timeout S] [--signal NAME] [--force]

Stop a process. TARGET is a pid (1234) or a listening port (:3000, :53/udp: every process holding it).
Lists what will be lost (the process, its listeners, the clients connected to them) and asks first.
  -y, --yes      do not ask (without it and without a terminal, kill refuses: exit 2)
  --signal NAME  the first signal (default TERM): ${STOP_SIGNALS.map((s) => s.slice(3)).join(', ')}
  --timeout S    how long to wait for it to exit (default ${DEFAULT_STOP_TIMEOUT_MS / 1000})
  --force        if it is still running after the wait, send SIGKILL (no cleanup)
Before each signal the pid is re-checked (same start time, same executable): a pid that now
belongs to another process is left alone. PID 1 and Sockeye itself are refused.
On Windows a polite stop is taskkill (asks its windows to close); SIGKILL is taskkill /F.
Exit status: 0 every target stopped (or already gone), 1 one was not, 2 bad usage.`;

function lookupProcess(pid: number): Process | null {
  const info = process.platform === 'linux' ? readProcessInfo(pid) : null;
  return info ? { ...info, label: info.name, role: 'none' } : null;
}

async function stopOne(t: KillTarget, signal: StopSignal, timeoutMs: number, force: boolean): Promise<KillResult[]> {
  const recorder = cliRecorder();
  const results: KillResult[] = [];
  const attempt = async (sig: StopSignal) => {
    const r = await stopProcess({ identity: t.identity, signal: sig, timeoutMs, selfPids: [process.pid] });
    await recorder.record({
      action: 'kill',
      signal: sig,
      target: { pid: t.identity.pid, startedAt: t.identity.startedAt, label: t.label },
      connection: null,
      client: null,
      outcome: r.outcome,
      message: r.message,
    });
    results.push(r);
    return r;
  };
  const first = await attempt(signal);
  if (first.outcome === 'still-running' && force && signal !== 'SIGKILL') await attempt('SIGKILL');
  return results;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    'kill',
    HELP,
    argv,
    {
      yes: { type: 'boolean', short: 'y' },
      timeout: { type: 'string' },
      signal: { type: 'string', short: 's' },
      force: { type: 'boolean' },
    },
    true,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length ? `one target at a time (unexpected '${positionals[1]}')` : 'say what to stop: a pid or :PORT',
    );
  const spec = parseKillTarget(positionals[0]!);
  if ('error' in spec) throw new UsageError(spec.error);
  const signal = values.signal === undefined ? 'SIGTERM' : parseStopSignal(values.signal);
  if (!signal) throw new UsageError(`unknown signal '${values.signal}' (${STOP_SIGNALS.join(', ')})`);
  const timeoutMs = parseSeconds(values.timeout, DEFAULT_STOP_TIMEOUT_MS, 600);

  const service = createSnapshotService();
  const snapshot = await service.take();
  await service.close();
  const plan = planKill(snapshot, spec, [process.pid], lookupProcess);
  if (plan.error !== null) throw new CliError(plan.error);
  const recorder = cliRecorder();
  const logEach = async (targets: KillTarget[], outcome: string, message: (t: KillTarget) => string) => {
    for (const t of targets)
      await recorder.record({
        action: 'kill',
        signal,
        target: { pid: t.identity.pid, startedAt: t.identity.startedAt, label: t.label },
        connection: null,
        client: null,
        outcome,
        message: message(t),
      });
  };
  const refused = plan.targets.filter((t) => t.refusal);
  if (refused.length) {
    await logEach(refused, 'refused', (t) => t.refusal!);
    throw new CliError(`not stopped: ${refused.map((t) => t.refusal).join('; ')}`);
  }
  const lines = plan.targets.flatMap((t) => lossLines(t).map((l, i) => (i === 0 ? `  ${l}` : `      ${l}`)));
  process.stderr.write(terminalSafe(`Sending ${signal} will end:\n${lines.join('\n')}\n`));
  if (
    !(await confirmLogged(
      `Stop ${plan.targets.length === 1 ? 'it' : `these ${plan.targets.length}`}?`,
      values.yes,
      'kill',
      (outcome, message) => logEach(plan.targets, outcome, () => message),
    ))
  ) {
    process.stderr.write('sockeye: nothing stopped\n');
    return 1;
  }
  let ok = true;
  for (const t of plan.targets) {
    const results = await stopOne(t, signal, timeoutMs, values.force === true);
    const last = results[results.length - 1]!;
    for (const r of results) process.stdout.write(terminalSafe(`${t.label} (pid ${t.identity.pid}): ${r.message}\n`));
    if (last.outcome === 'still-running' && !values.force && signal !== 'SIGKILL')
      process.stderr.write(`sockeye: add --force to send SIGKILL after the wait\n`);
    if (last.outcome !== 'exited' && last.outcome !== 'already-gone') ok = false;
  }
  return ok ? 0 : 1;
}
