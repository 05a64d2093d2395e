/**
 * Export, open and compare on a busy machine's snapshot (test/support/syntheticSnapshot.ts):
 * each serialiser, masking, opening (parse + schema validation) and the diff of two snapshots
 * that differ by a few percent. Medians of several runs, with throughput.
 * Budgets: a 50,000-socket snapshot exports, opens and diffs in ≤ 2 s each (median).
 */
import { exportSnapshot } from '../src/common/export/exportSnapshot';
import { maskSnapshot } from '../src/common/export/mask';
import type { Snapshot } from '../src/common/model/model';
import { parseSnapshotText } from '../src/common/snapshot/openSnapshot';
import { diffSnapshots } from '../src/common/snapshot/snapshotDiff';
import { busySnapshot } from '../test/support/syntheticSnapshot';
import { median, timeRuns } from './timing';

const RUNS = 5;

async function time(fn: () => unknown): Promise<number> {
  return median(await timeRuns(RUNS, fn));
}

/** `a` with every 20th socket gone and as many new ones, processes shifted the same way. */
function later(a: Snapshot): Snapshot {
  const sockets = a.sockets.filter((_, i) => i % 20 !== 0);
  const added = a.sockets.filter((_, i) => i % 20 === 0).map((s) => ({ ...s, localPort: (s.localPort + 7) % 65536 }));
  return { ...a, takenAt: new Date(Date.parse(a.takenAt) + 60_000).toISOString(), sockets: [...sockets, ...added] };
}

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const [procs, edges] of [
    [300, 2000],
    [1500, 12000],
  ] as const) {
    const a = busySnapshot(procs, edges, 400);
    const b = later(a);
    const json = exportSnapshot(a, { format: 'json', pretty: false });
    const mb = json.length / (1024 * 1024);
    const ms = {
      json: await time(() => exportSnapshot(a, { format: 'json', pretty: false })),
      csv: await time(() => exportSnapshot(a, { format: 'csv' })),
      html: await time(() => exportSnapshot(a, { format: 'html' })),
      mask: await time(() => maskSnapshot(a)),
      open: await time(() => parseSnapshotText(json)),
      diff: await time(() => diffSnapshots(a, b)),
    };
    const open = parseSnapshotText(json);
    if (!open.ok) throw new Error(open.error);
    const f = (x: number) => `${x.toFixed(0)} ms`;
    rows.push(
      `| ${a.sockets.length} | ${mb.toFixed(1)} MB | ${f(ms.json)} | ${f(ms.csv)} | ${f(ms.html)} | ${f(ms.mask)} | ${f(ms.open)} (${(mb / (ms.open / 1000)).toFixed(0)} MB/s) | ${f(ms.diff)} |`,
    );
  }
  process.stdout.write(
    [
      `Medians of ${RUNS} runs (goal: each ≤ 2 s at 50,000 sockets).`,
      '',
      '| sockets | JSON size | JSON export | CSV export | HTML export | mask | open (parse + validate) | diff (5 % changed) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
}

await main();
