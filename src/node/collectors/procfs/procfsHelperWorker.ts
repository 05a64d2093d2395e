/**
 * The procfs collector's helper thread (see procfsHelperThread.ts): reads /proc/net tables whole
 * and shares the fd links with the collector's thread. Built as an entry of its own (out/cli,
 * out/main) with nothing but node:fs and the shared link claims, so it starts in milliseconds.
 */
import { readlinkSync } from 'node:fs';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { claimLinks } from './linkClaims';
import { readProcBytes } from './readProcFile';

export type HelperRequest =
  | { kind: 'init'; port: MessagePort }
  | { kind: 'tables'; id: number; paths: string[]; claim: ArrayBufferLike }
  | {
      kind: 'links';
      paths: string;
      ctl: SharedArrayBuffer;
      res: SharedArrayBuffer;
      done: SharedArrayBuffer;
      chunk: number;
    };

export interface TableBytes {
  path: string;
  data: Uint8Array | null;
  error: string | null;
  code: string | null;
}

export interface TablesReply {
  id: number;
  /** null: the caller claimed the job first. */
  out: TableBytes[] | null;
}

function readTables(paths: string[]): TableBytes[] {
  return paths.map((path) => {
    try {
      return { path, data: readProcBytes(path), error: null, code: null };
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      return { path, data: null, error: String(e?.message ?? e), code: e?.code ?? null };
    }
  });
}

let replies: MessagePort | null = null;

parentPort?.on('message', (msg: HelperRequest) => {
  if (msg.kind === 'init') {
    replies = msg.port;
  } else if (msg.kind === 'tables') {
    // The caller reads them itself if it gets there first (this thread was slow to start).
    if (Atomics.compareExchange(new Int32Array(msg.claim), 0, 0, 2) !== 0) {
      replies?.postMessage({ id: msg.id, out: null } satisfies TablesReply);
      return;
    }
    const out = readTables(msg.paths);
    const transfer = out.flatMap((o) => (o.data ? [o.data.buffer as ArrayBuffer] : []));
    replies?.postMessage({ id: msg.id, out } satisfies TablesReply, transfer);
  } else if (msg.kind === 'links') {
    const claim = {
      paths: msg.paths.split('\n'),
      ctl: new Int32Array(msg.ctl),
      res: new Float64Array(msg.res),
      done: new Int32Array(msg.done),
      chunk: msg.chunk,
    };
    claimLinks(claim, true, readlinkSync);
  }
});
