/**
 * `sockeye watch [--alert RULE]... [--json] [--exit-on-alert]`: prints what changes as it happens
 * and flags what the alert rules match; with --exit-on-alert, exits 3 at the first match (for
 * scripts and CI jobs). `--expect-current` marks today's listeners as expected (stored in the
 * history database) so they never alert.
 */
import { existsSync } from 'node:fs';
import { parseCommandArgs } from '../args';
import { collectorOption } from '../collectorOption';
import { CliError, UsageError } from '../errors';
import { DB_OPTION, ensureHistoryFolder, historyPath } from '../historyOptions';
import { writeOutput } from '../output';
import { terminalSafe } from '../text/terminalText';
import { eventLine } from '../text/historyText';
import {
  AlertMatcher,
  DEFAULT_ALERT,
  expectedKey,
  parseAlertRule,
  type AlertRule,
} from '../../common/history/alertRules';
import { eventsOfDelta } from '../../common/history/historyEvents';
import { computeDelta } from '../../common/snapshot/snapshotDelta';
import { isListening } from '../../common/derive/listening';
import type { Snapshot } from '../../common/model/model';
import { createSnapshotService, type SnapshotService } from '../../node/snapshot/snapshotService';
import { HistoryDbError, openHistoryDb } from '../../node/history/historyDb';
import { expectedListeners } from '../../node/history/historyReader';

export const ALERT_EXIT_CODE = 3;

const HELP = `usage: sockeye watch [--alert RULE]... [--json] [--exit-on-alert] [--only-alerts] [--interval S] [--db FILE]
       sockeye watch --expect-current [--db FILE]

Print listeners and connections opening and closing, and processes starting and exiting, as
they happen; flag those an alert rule matches.
  --alert RULE     [KIND=]FILTER: a filter of the 'snapshot --filter' language and the kind of
                   event it watches (default kind listen-start: a new listener). Repeatable.
                   Default rule: '${DEFAULT_ALERT}' (a new listener reachable beyond this machine).
                   Kinds: listen-start, listen-stop, connect, disconnect, process-start,
                   process-exit, new-remote (first connection to a remote address),
                   serve-start (a process's first listener). Example: 'connect=rscope:public'
  --json           one JSON object per line: {"time","kind","socket","process"}, plus "alerts":[RULE…] when matched
  --only-alerts    print only events that alert
  --exit-on-alert  exit with status 3 at the first alert
  --interval S     seconds between looks (default 1)
  --expect-current mark the listeners there now as expected (they never alert), then exit
  --db FILE        where expected listeners are kept (default $XDG_STATE_HOME/sockeye/history.db)`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('watch', HELP, argv, {
    ...DB_OPTION,
    alert: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    'only-alerts': { type: 'boolean' },
    'exit-on-alert': { type: 'boolean' },
    'expect-current': { type: 'boolean' },
    interval: { type: 'string' },
    collector: { type: 'string' },
  });
  if (!parsed) return 0;
  const { values } = parsed;
  const rules: AlertRule[] = (values.alert?.length ? values.alert : [DEFAULT_ALERT]).map((text) => {
    const r = parseAlertRule(text);
    if (!r.ok) throw new UsageError(`--alert ${r.error}`);
    return r.rule;
  });
  const intervalMs = Number(values.interval ?? 1) * 1000;
  if (!(intervalMs > 0))
    throw new UsageError(`--interval takes a positive number of seconds (got '${values.interval}')`);
  const path = historyPath(values.db);
  const service = createSnapshotService({ collector: collectorOption(values.collector) });
  try {
    if (values['expect-current']) return await expectCurrent(service, path, values.db !== undefined);
    const matcher = new AlertMatcher(rules, readExpected(path));
    return await watchLoop(service, matcher, {
      intervalMs,
      json: values.json === true,
      onlyAlerts: values['only-alerts'] === true,
      exitOnAlert: values['exit-on-alert'] === true,
    });
  } finally {
    await service.close();
  }
}

function readExpected(path: string): Set<string> {
  if (!existsSync(path)) return new Set();
  try {
    const db = openHistoryDb(path, { create: false });
    try {
      return new Set(expectedListeners(db).keys());
    } finally {
      db.close();
    }
  } catch (err) {
    if (err instanceof HistoryDbError) throw new CliError(err.message, 1);
    throw err;
  }
}

async function expectCurrent(service: SnapshotService, path: string, explicit: boolean): Promise<number> {
  const snapshot = await service.take();
  const procs = new Map(snapshot.processes.map((p) => [p.pid, p]));
  ensureHistoryFolder(path, explicit);
  let db;
  try {
    db = openHistoryDb(path, { create: true });
  } catch (err) {
    if (err instanceof HistoryDbError) throw new CliError(err.message, 1);
    throw err;
  }
  const put = db.prepare('INSERT OR REPLACE INTO expected (key, label, since) VALUES (?, ?, ?)');
  let n = 0;
  db.transaction(() => {
    for (const s of snapshot.sockets) {
      if (!isListening(s)) continue;
      const p = s.pid !== null ? procs.get(s.pid) : undefined;
      put.run([expectedKey(s, p?.path ?? null, p?.name ?? null), p?.label ?? `pid ${s.pid}`, Date.now()]);
      n++;
    }
  })();
  db.close();
  process.stderr.write(`sockeye: ${n} listeners marked as expected in ${path}\n`);
  return 0;
}

interface WatchOptions {
  intervalMs: number;
  json: boolean;
  onlyAlerts: boolean;
  exitOnAlert: boolean;
}

async function watchLoop(service: SnapshotService, matcher: AlertMatcher, o: WatchOptions): Promise<number> {
  let prev: Snapshot = await service.take();
  matcher.prime(prev.sockets);
  process.stderr.write(`sockeye: watching every ${o.intervalMs / 1000} s; Ctrl-C stops\n`);
  let stopping = false;
  const stop = () => (stopping = true);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  while (!stopping) {
    await new Promise((r) => setTimeout(r, o.intervalMs));
    const next = await service.take();
    const events = eventsOfDelta(prev, next, computeDelta(prev, next));
    prev = next;
    const alerts = matcher.check(events);
    const byEvent = new Map<object, string[]>();
    for (const a of alerts) byEvent.set(a.event, [...(byEvent.get(a.event) ?? []), a.rule]);
    const lines: string[] = [];
    for (const e of events) {
      const flagged = byEvent.get(e);
      if (o.onlyAlerts && !flagged) continue;
      if (o.json) lines.push(JSON.stringify(flagged ? { ...e, alerts: flagged } : e) + '\n');
      else
        lines.push(
          terminalSafe(`${flagged ? 'ALERT ' : ''}${eventLine(e)}${flagged ? `  [${flagged.join(', ')}]` : ''}`) + '\n',
        );
    }
    if (lines.length) await writeOutput(lines.join(''), undefined);
    if (o.exitOnAlert && alerts.length > 0) return ALERT_EXIT_CODE;
  }
  return 0;
}
