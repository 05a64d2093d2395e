/**
 * `sockeye record [--interval S] [--db FILE] …`: records history headless until stopped (Ctrl-C,
 * SIGTERM), one snapshot per interval, into the history database.
 */
import { parseCommandArgs } from '../args';
import { collectorOption } from '../collectorOption';
import { CliError, UsageError } from '../errors';
import { DB_OPTION, ensureHistoryFolder, historyPath, unwrap } from '../historyOptions';
import { parseDuration } from '../../common/history/historyTime';
import { formatByteSize, parseByteSize } from '../../common/text/byteSize';
import { createSnapshotService } from '../../node/snapshot/snapshotService';
import { HistoryRecorder, DEFAULT_RECORDER_OPTIONS } from '../../node/history/historyRecorder';
import { HistoryDbError } from '../../node/history/historyDb';
import { RecorderBusyError } from '../../node/history/recorderLock';

const HELP = `usage: sockeye record [--interval S] [--db FILE] [--max-age DURATION] [--max-size SIZE] [--keyframe-every DURATION] [--collector procfs|systeminformation]

Record this host's listeners, connections and processes until stopped (Ctrl-C or SIGTERM): each
tick's changes, and the whole snapshot every few minutes, into a history database that
'sockeye history', 'sockeye diff @TIME …' and the app read (also while this runs).
  --interval S        seconds between snapshots (default 5)
  --db FILE           the history database (default $XDG_STATE_HOME/sockeye/history.db)
  --max-age D         drop what is older (default 7d); oldest first
  --max-size SIZE     keep the database under SIZE (default 500MB); oldest first
  --keyframe-every D  a whole snapshot at least this often (default 5m)
  --ticks N           stop after N snapshots
One recorder per database: a second one refuses (exit 1). A recorder killed mid-write loses at
most the tick it was writing; started again, it goes on where the file ends.`;

function positiveNumber(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${option} takes a positive number (got '${text}')`);
  return n;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('record', HELP, argv, {
    ...DB_OPTION,
    interval: { type: 'string' },
    'max-age': { type: 'string' },
    'max-size': { type: 'string' },
    'keyframe-every': { type: 'string' },
    ticks: { type: 'string' },
    collector: { type: 'string' },
  });
  if (!parsed) return 0;
  const { values } = parsed;
  const intervalMs = (positiveNumber(values.interval, '--interval') ?? 5) * 1000;
  const ticks = positiveNumber(values.ticks, '--ticks');
  const maxBytes = values['max-size'] !== undefined ? parseByteSize(values['max-size']) : undefined;
  if (maxBytes === null) throw new UsageError(`--max-size takes a size such as 500MB (got '${values['max-size']}')`);
  const options = {
    maxAgeMs: values['max-age'] ? unwrap(parseDuration(values['max-age']), '--max-age') : undefined,
    maxBytes,
    keyframeEveryMs: values['keyframe-every']
      ? unwrap(parseDuration(values['keyframe-every']), '--keyframe-every')
      : undefined,
  };
  const settings = { ...DEFAULT_RECORDER_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v)) };
  const collector = collectorOption(values.collector);
  const path = historyPath(values.db);
  ensureHistoryFolder(path, values.db !== undefined);

  let recorder: HistoryRecorder;
  try {
    recorder = HistoryRecorder.open(path, settings);
  } catch (err) {
    if (err instanceof HistoryDbError || err instanceof RecorderBusyError) throw new CliError(err.message, 1);
    throw err;
  }
  process.stderr.write(
    `sockeye: recording to ${path} every ${intervalMs / 1000} s (keeping ${ageText(settings.maxAgeMs)}, ` +
      `${formatByteSize(settings.maxBytes)}); Ctrl-C stops\n`,
  );
  const service = createSnapshotService({ collector });
  return recordLoop(recorder, service, intervalMs, ticks);
}

function ageText(ms: number): string {
  if (ms >= 86_400_000) return `${+(ms / 86_400_000).toFixed(1)} days`;
  if (ms >= 3_600_000) return `${+(ms / 3_600_000).toFixed(1)} hours`;
  return `${+(ms / 60_000).toFixed(1)} minutes`;
}

async function recordLoop(
  recorder: HistoryRecorder,
  service: ReturnType<typeof createSnapshotService>,
  intervalMs: number,
  ticks: number | undefined,
): Promise<number> {
  let stopping = false;
  let wake: (() => void) | null = null;
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  let count = 0;
  try {
    while (!stopping) {
      const started = Date.now();
      const snapshot = await service.take();
      recorder.record(snapshot);
      if (ticks !== undefined && ++count >= ticks) break;
      const wait = Math.max(0, intervalMs - (Date.now() - started));
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, wait);
      });
      wake = null;
    }
  } finally {
    recorder.close();
    await service.close();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return 0;
}
