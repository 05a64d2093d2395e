/**
 * `sockeye top [--by process|connection|remote] [--interval DUR] [--filter EXPR] [--once] [--json]`
 *
 * A live view of who moves the most bytes, redrawn in place every interval: the cursor goes
 * home and each line is rewritten and cleared to its end (no full-screen clear, so no
 * flicker), on the terminal's alternate screen. q or Ctrl-C quits and restores the terminal —
 * also on SIGTERM, SIGHUP (a dropped SSH session) and any error.
 */
import { parseCommandArgs } from '../args';
import { UsageError } from '../errors';
import { createSnapshotService, type SnapshotService } from '../../node/snapshot/snapshotService';
import type { Snapshot } from '../../common/model/model';
import { parseDuration } from '../../common/traffic/trafficFormat';
import { TRAFFIC_BY, trafficRows, type TrafficBy } from '../../common/traffic/trafficRows';
import type { FilterAst } from '../../common/filter';
import { renderTopFrame } from '../text/topView';

const HELP = `usage: sockeye top [--by process|connection|remote] [--interval DUR] [--filter EXPR] [--once] [--json]

Who sends and receives the most, busiest first, refreshed every interval (default 1s).
Per-socket byte counters come from the kernel (Linux sock_diag): no root, no packet capture.
  --by WHAT       process (default), connection or remote (remote host)
  --interval DUR  time between refreshes, e.g. 1s, 500ms, 2s (at least 250ms)
  --filter EXPR   only rows whose sockets match (the snapshot filter language)
  --once          take two samples one interval apart, print once and exit
  --json          with --once: the rows as JSON (sockeye.top/1)
Keys: q or Ctrl-C quits; b switches between process, connection and remote.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('top', HELP, argv, {
    by: { type: 'string' },
    interval: { type: 'string' },
    filter: { type: 'string' },
    once: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (!parsed) return 0;
  const { values } = parsed;
  let by: TrafficBy = 'process';
  if (values.by !== undefined) {
    if (!(TRAFFIC_BY as readonly string[]).includes(values.by))
      throw new UsageError(`--by wants process, connection or remote, not '${values.by}'`);
    by = values.by as TrafficBy;
  }
  const intervalMs = values.interval === undefined ? 1000 : parseDuration(values.interval);
  if (intervalMs === null || intervalMs < 250 || intervalMs > 3_600_000)
    throw new UsageError(`--interval wants a duration from 250ms to 1h, such as 1s or 500ms, not '${values.interval}'`);
  if (values.json && !values.once) throw new UsageError('--json goes with --once (a live view is for people)');
  const filtering = values.filter !== undefined ? await import('../../common/filter') : null;
  let filter: FilterAst | null = null;
  if (filtering && values.filter !== undefined) {
    const p = filtering.tryParseFilter(values.filter);
    if (p.error) throw new UsageError(filtering.formatFilterError(values.filter, p.error));
    filter = p.ast;
  }
  const view = (s: Snapshot) => (filter && filtering ? filtering.filterSnapshot(s, filter) : s);

  const service = createSnapshotService();
  try {
    if (values.once) return await once(service, view, by, intervalMs, values.filter ?? null, values.json === true);
    return await live(service, view, by, intervalMs, values.filter ?? null);
  } finally {
    await service.close();
  }
}

async function once(
  service: SnapshotService,
  view: (s: Snapshot) => Snapshot,
  by: TrafficBy,
  intervalMs: number,
  filterText: string | null,
  json: boolean,
): Promise<number> {
  await service.take();
  await new Promise((r) => setTimeout(r, intervalMs));
  const snapshot = view(await service.take());
  const rows = trafficRows(snapshot, by);
  if (json) {
    const t = snapshot.traffic;
    const doc = {
      schema: 'sockeye.top/1',
      takenAt: snapshot.takenAt,
      by,
      intervalMs: t?.intervalMs ?? null,
      available: t?.available ?? false,
      unavailableReason: t ? t.unavailableReason : 'this collector counts no traffic',
      rows,
    };
    process.stdout.write(JSON.stringify(doc, null, process.stdout.isTTY ? 2 : undefined) + '\n');
  } else {
    const lines = renderTopFrame(snapshot, rows, {
      by,
      width: process.stdout.columns ?? 120,
      height: Number.MAX_SAFE_INTEGER,
      intervalMs,
      filter: filterText,
    });
    process.stdout.write(lines.join('\n') + '\n');
  }
  return 0;
}

async function live(
  service: SnapshotService,
  view: (s: Snapshot) => Snapshot,
  startBy: TrafficBy,
  intervalMs: number,
  filterText: string | null,
): Promise<number> {
  const out = process.stdout;
  const tty = out.isTTY === true;
  let by = startBy;
  let last: Snapshot | null = null;
  let stopped = false;
  let wake: (() => void) | null = null;

  const draw = () => {
    const lines = renderTopFrame(last, last ? trafficRows(last, by) : [], {
      by,
      width: out.columns ?? 100,
      height: tty ? (out.rows ?? 24) : Number.MAX_SAFE_INTEGER,
      intervalMs,
      filter: filterText,
    });
    // Home, rewrite each line and clear what is left of it, then clear below: no blank frame.
    if (tty) out.write('\x1b[H' + lines.map((l) => l + '\x1b[K').join('\r\n') + '\x1b[J');
    else out.write(lines.join('\n') + '\n\n');
  };
  const stop = () => {
    stopped = true;
    wake?.();
  };
  const restore = () => {
    if (!tty) return;
    out.write('\x1b[?25h\x1b[?1049l');
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    process.stdin.pause();
  };
  const onKey = (key: Buffer) => {
    const k = key.toString();
    if (k === 'q' || k === 'Q' || k === '\x03' || k === '\x1b') stop();
    else if (k === 'b') {
      by = TRAFFIC_BY[(TRAFFIC_BY.indexOf(by) + 1) % TRAFFIC_BY.length]!;
      draw();
    }
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const sig of signals) process.on(sig, stop);
  process.on('exit', restore);
  if (tty) {
    out.write('\x1b[?1049h\x1b[?25l');
    if (process.stdin.isTTY) process.stdin.setRawMode(true);
    process.stdin.on('data', onKey);
    process.stdin.resume();
    out.on('resize', draw);
  }
  try {
    draw();
    while (!stopped) {
      const started = Date.now();
      last = view(await service.take());
      if (stopped) break;
      draw();
      const wait = Math.max(0, intervalMs - (Date.now() - started));
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, wait);
      });
      wake = null;
    }
  } finally {
    for (const sig of signals) process.off(sig, stop);
    process.stdin.off('data', onKey);
    out.off('resize', draw);
    restore();
    process.off('exit', restore);
  }
  return 0;
}
