/**
 * `sockeye serve --record [--db FILE]`: the history while serve runs. Off by default for serve (a
 * server may already run `sockeye record` as a service; the page then reads that file and shows its
 * timeline and alerts read-only). Recording happens in the snapshot worker (ADR 0051); a file that
 * is not a Sockeye history, or another recorder on it, is said once on stderr and in the page.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SnapshotService } from '../node/snapshot/snapshotService';
import type { LiveHub } from '../node/snapshot/liveHub';
import type { HistoryInfo } from '../common/contract/historyApi';
import { piecedToString } from '../node/snapshot/shipPieces';
import { historyPath } from './historyOptions';
import { UsageError } from './errors';
import { terminalSafe } from './text/terminalText';

/** Between background ticks when nobody watches (as `sockeye record`'s default). */
export const SERVE_RECORD_INTERVAL_MS = 5000;

export interface ServeHistoryOptions {
  path: string;
  record: boolean;
  everyMs: number;
}

export function checkHistoryOptions(values: {
  record?: boolean;
  db?: string;
  'record-every'?: string;
}): ServeHistoryOptions {
  const path = historyPath(values.db);
  if (values.db !== undefined && !existsSync(dirname(path)))
    throw new UsageError(`--db: the folder ${dirname(path)} does not exist`);
  const seconds =
    values['record-every'] === undefined ? SERVE_RECORD_INTERVAL_MS / 1000 : Number(values['record-every']);
  if (!Number.isFinite(seconds) || seconds < 0.25 || seconds > 3600)
    throw new UsageError(`--record-every must be 0.25–3600 seconds, not '${values['record-every']}'`);
  return { path, record: values.record === true, everyMs: seconds * 1000 };
}

export async function startServeHistory(
  snapshots: SnapshotService,
  live: LiveHub,
  opts: ServeHistoryOptions,
): Promise<void> {
  const info = JSON.parse(
    piecedToString(await snapshots.history({ op: 'configure', config: { path: opts.path, record: opts.record } })),
  ) as HistoryInfo;
  const say = (line: string) => process.stderr.write(terminalSafe(`sockeye: ${line}`) + '\n');
  if (info.problem) say(`history: ${info.problem.message}`);
  else if (info.recording) say(`recording history to ${opts.path}`);
  if (info.recording) live.setBackground(opts.everyMs);
}
