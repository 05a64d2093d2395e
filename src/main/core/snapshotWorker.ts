/**
 * Worker-thread entry: takes snapshots off the caller's main thread and answers with JSON text,
 * so the caller (Electron main, `sockeye serve`) never parses or stringifies 20,000 sockets on
 * its own event loop — it forwards the text as is. It also keeps the last snapshot it took, so
 * a live refresh can send only what changed (see snapshotDelta.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CollectorName } from '../../shared/model';
import { SnapshotTaker } from './snapshotTaker';
import { LiveDeltas, type LiveTick } from './liveDeltas';

export type WorkerRequest = { id: number; kind: 'full' } | { id: number; kind: 'live'; wantFull: boolean };
export type WorkerReply = { id: number; json: string } | { id: number; live: LiveTick } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('snapshotWorker must run in a worker thread');

let live: LiveDeltas | null = null;
let startError: string | null = null;
try {
  live = new LiveDeltas(new SnapshotTaker((workerData as { collector?: CollectorName } | undefined)?.collector));
} catch (err) {
  startError = err instanceof Error ? err.message : String(err);
}

port.on('message', (req: WorkerRequest) => {
  if (!live) {
    port.postMessage({ id: req.id, error: startError ?? 'no collector' } satisfies WorkerReply);
    return;
  }
  const work: Promise<WorkerReply> =
    req.kind === 'live'
      ? live.tick(req.wantFull).then((tick) => ({ id: req.id, live: tick }))
      : live.full().then((json) => ({ id: req.id, json }));
  work.then(
    (reply) => port.postMessage(reply),
    (err: unknown) => port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply),
  );
});
