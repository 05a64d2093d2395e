/**
 * Worker-thread entry: takes snapshots off the caller's main thread and answers with JSON text,
 * so the caller (Electron main, `sockeye serve`) never parses or stringifies 20,000 sockets on
 * its own event loop — it forwards the text as is. It also keeps the last snapshot it took, so
 * a live refresh can send only what changed (see snapshotDelta.ts).
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData, type TransferListItem } from 'node:worker_threads';
import type { CollectorName } from '../../common/model/model';
import { SnapshotTaker } from './snapshotTaker';
import { LiveDeltas, type LiveTick } from './liveDeltas';
import { shipPieces, type ShippedPieces } from './shipPieces';
import { apiDocument, apiDocumentDoneAt, apiDocumentKey, type ApiDocument } from './apiDocuments';
import { HistorySession, type StoredAlert } from '../history/historySession';
import { runHistoryOp, type HistoryOp } from '../history/historyOps';

export type WorkerRequest =
  | { id: number; kind: 'full' }
  | { id: number; kind: 'live'; wantFull: boolean; quiet?: boolean }
  /** `have`: the key of the text the caller holds; the same one is not shipped again. */
  | { id: number; kind: 'api'; what: ApiDocument; maxAgeMs: number; have: string | null }
  | { id: number; kind: 'history'; req: HistoryOp };
/** A live tick as posted: its texts shipped in pieces when large (see shipPieces.ts). */
export type ShippedLiveTick = Omit<LiveTick, 'full' | 'delta'> & {
  full: ShippedPieces | null;
  delta: ShippedPieces | null;
};
export type WorkerReply =
  | { id: number; json: ShippedPieces }
  | { id: number; live: ShippedLiveTick }
  | { id: number; api: { key: string; text: ShippedPieces | null } }
  | { id: number; error: string };
/** Posted by the worker on its own: alerts the recorder found in a tick. */
export type WorkerNotice = { notice: { alerts: StoredAlert[] } };

const port = parentPort;
if (!port) throw new Error('snapshotWorker must run in a worker thread');

// On a machine with few cores, collecting (this thread and the procfs helper it starts, which
// inherits this) competes with the thread that asked: let that one — Electron's main process,
// the server's event loop — always win the CPU. Linux only (per-thread nice); elsewhere a no-op.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
} catch {
  // No /proc/thread-self, or not allowed: run at the normal priority.
}

let live: LiveDeltas | null = null;
let startError: string | null = null;
try {
  const data = workerData as { collector?: CollectorName; socketTable?: 'netlink' | 'procfs' } | undefined;
  live = new LiveDeltas(new SnapshotTaker(data?.collector, { socketTable: data?.socketTable }));
} catch (err) {
  startError = err instanceof Error ? err.message : String(err);
}

/** The API's document, or word that the caller's copy is still current (nothing shipped). */
function apiReply(
  deltas: LiveDeltas,
  req: Extract<WorkerRequest, { kind: 'api' }>,
  transfer: TransferListItem[],
): Promise<WorkerReply> {
  const { what, have } = req;
  // The caller's text is still within the bound: keep it, rather than format each newer live
  // tick's snapshot for the API too (at most one new text per document per bound).
  if (have !== null && Date.now() - apiDocumentDoneAt(have) <= req.maxAgeMs) {
    return Promise.resolve({ id: req.id, api: { key: have, text: null } });
  }
  return deltas.recent(req.maxAgeMs).then((taken) => {
    const key = apiDocumentKey(taken);
    const text = key === have ? null : shipPieces(apiDocument(taken, what), transfer);
    return { id: req.id, api: { key, text } };
  });
}

// The history records here, beside collection, from the delta live refresh computed anyway
// (ADR 0051): the serving thread never sees a snapshot object, and pays nothing for recording.
const history = new HistorySession((alerts) => port.postMessage({ notice: { alerts } } satisfies WorkerNotice));

function answerHistory(req: Extract<WorkerRequest, { kind: 'history' }>): void {
  try {
    const transfer: TransferListItem[] = [];
    const json = shipPieces(runHistoryOp(history, req.req), transfer);
    port!.postMessage({ id: req.id, json } satisfies WorkerReply, transfer);
  } catch (err) {
    port!.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply);
  }
}

port.on('message', (req: WorkerRequest) => {
  if (req.kind === 'history') {
    answerHistory(req);
    return;
  }
  if (!live) {
    port.postMessage({ id: req.id, error: startError ?? 'no collector' } satisfies WorkerReply);
    return;
  }
  const transfer: TransferListItem[] = [];
  let work: Promise<WorkerReply>;
  if (req.kind === 'live') {
    work = live.tick(req.wantFull, req.quiet).then((tick) => ({
      id: req.id,
      live: {
        ...tick,
        full: tick.full === null ? null : shipPieces(tick.full, transfer),
        delta: tick.delta === null ? null : shipPieces(tick.delta, transfer),
      },
    }));
  } else if (req.kind === 'api') {
    work = apiReply(live, req, transfer);
  } else {
    work = live.full().then((json) => ({ id: req.id, json: shipPieces(json, transfer) }));
  }
  const deltas = live;
  work.then(
    (reply) => {
      port.postMessage(reply, transfer);
      // After the reply is out: the serving thread has its tick before the recorder starts.
      const t = req.kind === 'live' ? deltas.lastTick : null;
      if (t) history.onTick(t.next, t.delta);
    },
    (err: unknown) =>
      port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply),
  );
});
