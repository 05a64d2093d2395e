/**
 * Worker-thread entry: takes snapshots off the caller's main thread and answers with the JSON
 * text, so the caller (Electron main, `sockeye serve`) never parses or stringifies 20,000
 * sockets on its own event loop — it forwards the text as is.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CollectorName } from '../../shared/model';
import { SnapshotTaker } from './snapshotTaker';

export interface WorkerRequest {
  id: number;
}
export type WorkerReply = { id: number; json: string } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('snapshotWorker must run in a worker thread');

let taker: SnapshotTaker | null = null;
let startError: string | null = null;
try {
  taker = new SnapshotTaker((workerData as { collector?: CollectorName } | undefined)?.collector);
} catch (err) {
  startError = err instanceof Error ? err.message : String(err);
}

port.on('message', (req: WorkerRequest) => {
  if (!taker) {
    port.postMessage({ id: req.id, error: startError ?? 'no collector' } satisfies WorkerReply);
    return;
  }
  taker.take().then(
    (snapshot) => port.postMessage({ id: req.id, json: JSON.stringify(snapshot) } satisfies WorkerReply),
    (err: unknown) => port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply),
  );
});
