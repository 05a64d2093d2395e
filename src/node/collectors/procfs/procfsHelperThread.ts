/**
 * A second thread for the procfs collector. A snapshot's cost is almost all system calls —
 * reading /proc/net (seq_file formatting) and one readlink per open fd — and on two cores two
 * threads make them in about half the time. The helper reads the /proc/net tables while the
 * caller lists /proc/<pid>/fd, then both resolve fd links, claiming chunks of one shared list
 * (Atomics on a SharedArrayBuffer) so neither waits for the other whatever the fd counts are.
 *
 * The helper is its own small entry (procfsHelperWorker.ts, built beside the snapshot worker),
 * started once per thread and kept; idle, it never keeps a process alive. If it cannot start or
 * dies, the caller does the work itself: same results, just slower.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { claimLinks, inodeOf } from './linkClaims';
import type { HelperRequest, TablesReply } from './procfsHelperWorker';

/** Candidate locations of the built helper entry, relative to the running module. */
const HELPER_CANDIDATES = [
  './procfsHelper.mjs', // bundled CLI: out/cli/
  '../procfsHelper.mjs', // …when this code sits in a shared chunk: out/cli/chunks/
  './procfsHelper.js', // electron-vite main build: out/main/
  '../procfsHelper.js',
  '../../../../out/cli/procfsHelper.mjs', // running from source (tests): src/node/collectors/procfs/
];

function findHelperUrl(): URL | null {
  const urls = HELPER_CANDIDATES.map((rel) => new URL(rel, import.meta.url));
  return urls.find((url) => url.protocol === 'file:' && existsSync(fileURLToPath(url))) ?? null;
}

export interface TableRead {
  path: string;
  text: string | null;
  error: string | null;
  code: string | null;
}

/** A table read under way on the helper: poll it between other work, or wait for it. */
export interface TablesJob {
  /** The tables if they have arrived (never waits). */
  poll(): TableRead[] | null;
  /**
   * The tables. If the helper has not begun reading them (it is still starting), the caller
   * gets the job: empty, read them here. Also empty if the helper failed.
   */
  wait(): Promise<TableRead[]>;
}

interface OpenJob {
  claim: Int32Array;
  result: TableRead[] | null;
  waiter: ((reads: TableRead[]) => void) | null;
}

// Atomics.waitAsync (V8 ≥ 8.7, so every Node this runs on) is missing from TypeScript's ES2022 lib.
type WaitAsyncResult =
  { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const waitAsync = (
  Atomics as unknown as { waitAsync: (a: Int32Array, i: number, v: number, t: number) => WaitAsyncResult }
).waitAsync;

const CHUNK = 256;
/** How long to wait for the helper's last chunk before doing it here. */
const STEAL_AFTER_MS = 10;
/** Below this many links, handing half to the helper costs more than it saves. */
const MIN_SHARED_LINKS = 2 * CHUNK;

export class ProcfsHelperThread {
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private failed = false;
  private nextId = 1;
  private pending = 0;
  private readonly jobs = new Map<number, OpenJob>();

  constructor(private readonly readlink: (path: string) => string) {}

  /** Whether the helper thread has been started (and not closed or lost). */
  get running(): boolean {
    return this.worker !== null;
  }

  private ensure(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    let w: Worker;
    try {
      const url = findHelperUrl();
      if (!url) throw new Error('the procfs helper is not built');
      w = new Worker(url);
    } catch {
      this.failed = true;
      return null;
    }
    const { port1, port2 } = new MessageChannel();
    w.postMessage({ kind: 'init', port: port2 } satisfies HelperRequest, [port2]);
    port1.on('message', (reply: TablesReply) => this.deliver(reply));
    const fail = () => {
      if (this.worker !== w) return;
      this.worker = null;
      this.port = null;
      port1.close();
      for (const id of [...this.jobs.keys()]) this.settle(id, []);
    };
    w.on('error', fail);
    w.on('exit', fail);
    this.worker = w;
    this.port = port1;
    this.idle();
    return w;
  }

  private busy(): void {
    this.pending++;
    this.worker?.ref();
    this.port?.ref();
  }

  private idle(): void {
    if (this.pending > 0) return;
    // Idle, the helper never keeps a CLI run alive.
    this.worker?.unref();
    this.port?.unref();
  }

  private deliver(reply: TablesReply): void {
    const job = this.jobs.get(reply.id);
    if (!job || job.result) return;
    job.result = (reply.out ?? []).map((o) => ({
      path: o.path,
      text: o.data ? Buffer.from(o.data.buffer, o.data.byteOffset, o.data.byteLength).toString('latin1') : null,
      error: o.error,
      code: o.code,
    }));
    if (job.waiter) this.settle(reply.id, job.result);
  }

  /** Close job `id` with `reads`: wake its waiter, let the helper idle. */
  private settle(id: number, reads: TableRead[]): TableRead[] {
    const job = this.jobs.get(id);
    if (!job) return reads;
    this.jobs.delete(id);
    this.pending--;
    this.idle();
    job.waiter?.(reads);
    return reads;
  }

  /** Start reading `paths` (whole files) on the helper. */
  readTables(paths: string[]): TablesJob {
    const w = this.ensure();
    const id = this.nextId++;
    if (!w) return { poll: () => null, wait: async () => [] };
    const job: OpenJob = { claim: new Int32Array(new SharedArrayBuffer(4)), result: null, waiter: null };
    this.jobs.set(id, job);
    this.busy();
    w.postMessage({ kind: 'tables', id, paths, claim: job.claim.buffer } satisfies HelperRequest);
    let settled: TableRead[] | null = null;
    const poll = (): TableRead[] | null => {
      if (settled) return settled;
      const port = this.port;
      for (
        let m = !job.result && port ? receiveMessageOnPort(port) : undefined;
        m;
        m = !job.result && port ? receiveMessageOnPort(port) : undefined
      ) {
        this.deliver(m.message as TablesReply);
      }
      if (!job.result || job.result.length === 0) return null;
      settled = this.settle(id, job.result);
      return settled;
    };
    return {
      poll,
      wait: () => {
        if (poll()) return Promise.resolve(settled!);
        // Not begun: take the job back rather than wait for the helper to start.
        if (Atomics.compareExchange(job.claim, 0, 0, 1) === 0 || !this.worker)
          return Promise.resolve((settled = this.settle(id, [])));
        if (job.result) return Promise.resolve((settled = this.settle(id, job.result)));
        return new Promise((resolve) => {
          job.waiter = (reads) => resolve((settled = reads));
        });
      },
    };
  }

  /**
   * Socket inode of every fd link in `paths` (0: not a socket, -1: gone), resolved by this
   * thread and the helper together. `between` runs on this thread between chunks (to parse
   * tables as soon as they arrive, say).
   */
  async resolveLinks(paths: string[], between: (() => void) | null = null): Promise<Float64Array> {
    const chunks = Math.ceil(paths.length / CHUNK);
    const ctl = new Int32Array(new SharedArrayBuffer(8));
    const res = new Float64Array(new SharedArrayBuffer(Math.max(8, paths.length * 8)));
    const done = new Int32Array(new SharedArrayBuffer(Math.max(4, chunks * 4)));
    const w = paths.length >= MIN_SHARED_LINKS ? this.ensure() : null;
    if (w) {
      this.busy();
      w.postMessage({
        kind: 'links',
        paths: paths.join('\n'),
        ctl: ctl.buffer,
        res: res.buffer,
        done: done.buffer,
        chunk: CHUNK,
      } satisfies HelperRequest);
    }
    try {
      claimLinks({ paths, ctl, res, done, chunk: CHUNK }, false, this.readlink, between);
      // The helper may still be finishing its last chunk (a millisecond or two, unless the OS
      // has put it aside on a busy machine).
      for (let seen = Atomics.load(ctl, 1); seen < chunks; seen = Atomics.load(ctl, 1)) {
        const wait = waitAsync(ctl, 1, seen, STEAL_AFTER_MS);
        const outcome = wait.async ? await wait.value : wait.value;
        if (outcome === 'timed-out') break;
      }
      // Chunks a slow (or dead) helper has not finished: do them here. Reading a link twice is harmless.
      for (let c = 0; c < chunks; c++) {
        if (Atomics.load(done, c) === 2) continue;
        const end = Math.min(paths.length, (c + 1) * CHUNK);
        for (let i = c * CHUNK; i < end; i++) res[i] = inodeOf(this.readlink, paths[i]!);
      }
      return res;
    } finally {
      if (w) {
        this.pending--;
        this.idle();
      }
    }
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.port?.close();
    this.port = null;
    if (w) await w.terminate();
  }
}
