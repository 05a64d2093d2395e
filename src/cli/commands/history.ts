/**
 * `sockeye history --at TIME` (the host at a moment, the same document as `snapshot --json`) and
 * `sockeye history [FILTER] --since D` (what happened: one event per line, NDJSON with --json).
 */
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import { DB_OPTION, historyPath, momentOption, openForReading, unwrap } from '../historyOptions';
import { writeOutput } from '../output';
import { terminalSafe } from '../text/terminalText';
import { eventLine } from '../text/historyText';
import { formatSocketTable } from '../text/socketTable';
import { parseSince } from '../../common/history/historyTime';
import { indexHint } from '../../common/history/eventQuery';
import { compileFilter, filterSnapshot, formatFilterError, tryParseFilter, type FilterAst } from '../../common/filter';
import { exportSnapshotPieces } from '../../common/export/exportSnapshot';
import { eventsBetween, recordedSpan, snapshotAt } from '../../node/history/historyReader';
import type { Db } from '../../node/history/historyDb';
import { activeRecorder } from '../../node/history/recorderLock';

const HELP = `usage: sockeye history [FILTER] [--since D] [--until TIME] [--json] [--db FILE]
       sockeye history --at TIME [FILTER] [--json] [--db FILE]

What was recorded by 'sockeye record' (or the app):
  --since D     events from D ago (1h, 30m, 7d) or from a moment (yesterday 03:00); default: all
  --until TIME  events up to TIME (default: now)
  --at TIME     the host as it was at TIME: a table, or with --json the sockeye.snapshot/1 document
  FILTER        the filter language of 'snapshot --filter' (e.g. 'port:5432', 'proc:nginx is:exposed')
  --json        events as NDJSON: {"time","kind","socket","process"} per line
  --info        the span recorded, its size, and whether a recorder is writing
  --db FILE     the history database (default $XDG_STATE_HOME/sockeye/history.db)
TIME: ISO 8601 (2026-12-01T03:00:00Z, 2026-12-01 03:00 local), -1h, -30m, yesterday 03:00, today 9:30, now.
Event kinds: listen-start, listen-stop, connect, disconnect, process-start, process-exit.`;

function parseFilterArg(text: string | undefined): FilterAst | null {
  if (text === undefined) return null;
  const parsed = tryParseFilter(text);
  if (parsed.error) throw new UsageError(formatFilterError(text, parsed.error));
  return parsed.ast;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    'history',
    HELP,
    argv,
    {
      ...DB_OPTION,
      at: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      json: { type: 'boolean' },
      info: { type: 'boolean' },
    },
    true,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`history takes one FILTER (quote it: 'proc:nginx port:80')`);
  const filter = parseFilterArg(positionals[0]);
  const now = Date.now();
  const at = values.at !== undefined ? momentOption(values.at, '--at', now) : null;
  if (at !== null && (values.since !== undefined || values.until !== undefined))
    throw new UsageError('--at shows one moment; --since/--until a span of events: choose one');
  const since = values.since !== undefined ? unwrap(parseSince(values.since, now), '--since') : 0;
  const until = values.until !== undefined ? momentOption(values.until, '--until', now) : undefined;
  const path = historyPath(values.db);
  const db = openForReading(path);
  try {
    if (values.info) return await info(db, path, values.json === true);
    if (at !== null) return await atMoment(db, at, filter, values.json === true, values.at!);
    return await listEvents(db, { since, until }, filter, values.json === true);
  } finally {
    db.close();
  }
}

async function atMoment(db: Db, at: number, filter: FilterAst | null, json: boolean, asked: string) {
  const whole = snapshotAt(db, at);
  if (!whole) {
    const span = recordedSpan(db);
    throw new CliError(
      span
        ? `nothing recorded at ${asked} (${new Date(at).toISOString()}); the history starts at ${new Date(span.first).toISOString()}`
        : 'the history is empty (is a recorder running?)',
    );
  }
  const snapshot = filter ? filterSnapshot(whole, filter) : whole;
  const text = json
    ? exportSnapshotPieces(snapshot, { format: 'json', mask: false, pretty: process.stdout.isTTY === true })
    : terminalSafe(`recorded at ${snapshot.takenAt}\n${formatSocketTable(snapshot)}`);
  await writeOutput(text, undefined);
  return 0;
}

async function listEvents(db: Db, span: { since: number; until?: number }, filter: FilterAst | null, json: boolean) {
  const matches = filter ? compileFilter(filter) : null;
  const lines: string[] = [];
  const flush = async () => {
    if (lines.length) await writeOutput(lines.splice(0).join(''), undefined);
  };
  for (const e of eventsBetween(db, { ...span, ...indexHint(filter) })) {
    if (matches && !matches(e.socket, e.process ?? undefined)) continue;
    lines.push(json ? JSON.stringify(e) + '\n' : terminalSafe(eventLine(e)) + '\n');
    if (lines.length >= 1000) await flush();
  }
  await flush();
  return 0;
}

async function info(db: Db, path: string, json: boolean) {
  const { usedBytes, fileBytes } = await import('../../node/history/historyDb');
  const span = recordedSpan(db);
  const facts = {
    db: path,
    first: span ? new Date(span.first).toISOString() : null,
    last: span ? new Date(span.last).toISOString() : null,
    ticks: span?.ticks ?? 0,
    keyframes: span?.keyframes ?? 0,
    usedBytes: usedBytes(db),
    fileBytes: fileBytes(path),
    recorderPid: activeRecorder(db),
  };
  const text = json
    ? JSON.stringify(facts) + '\n'
    : Object.entries(facts)
        .map(([k, v]) => `${k}: ${v ?? '-'}`)
        .join('\n') + '\n';
  await writeOutput(terminalSafe(text), undefined);
  return 0;
}
