/**
 * The snapshot service: what the Electron main process, `sockeye serve` and the CLI call.
 * In a worker (Electron main, serve) the caller's event loop only ever receives JSON text, big
 * ones as UTF-8 pieces it forwards without decoding (see shipPieces.ts);
 * in-process (the CLI, which has nothing else to do) there is no worker start-up to pay.
 * Concurrent callers share one collection in flight instead of queueing several.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CollectorName, Snapshot } from '../../common/model/model';
import { SnapshotTaker } from './snapshotTaker';
import { LiveDeltas, type LiveTick } from './liveDeltas';
import type { WorkerNotice, WorkerReply, WorkerRequest } from './snapshotWorker';
import { HistorySession, type StoredAlert } from '../history/historySession';
import { runHistoryOp, type HistoryOp } from '../history/historyOps';
import { piecedToString, receivePieces, receiveBothPieces } from './shipPieces';
import type { PiecedText } from '../../common/wire/pieces';
import { ScrapeRhythm } from './scrapeRhythm';
import { API_FRESH_MS, apiDocument, type ApiDocument } from './apiDocuments';

export type { LiveTick };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface SnapshotServiceOptions {
  /** Force a collector; default: procfs where /proc/net exists, else systeminformation. */
  collector?: CollectorName;
  /** procfs collector: socket rows from sock_diag (default where the addon loads) or /proc/net. */
  socketTable?: 'netlink' | 'procfs';
  /** Run collection in a worker thread so the caller's event loop never stalls (Electron main, serve). */
  inWorker?: boolean;
  /** Where the built worker script is; default: next to this bundle, or out/cli when running from source. */
  workerUrl?: URL;
}

export interface SnapshotService {
  /** A fresh snapshot serialized as `sockeye.snapshot/1` JSON; callers that only forward it never parse it. */
  takeJson(): Promise<PiecedText>;
  /** A fresh snapshot as objects. */
  take(): Promise<Snapshot>;
  /** A live-refresh tick: a fresh snapshot as a delta against the previous one and/or whole; `quiet`: no texts (history only). */
  takeLive(wantFull: boolean, quiet?: boolean): Promise<LiveTick>;
  /** A history method, run beside collection (the worker's HistorySession); answers JSON text. */
  history(req: HistoryOp): Promise<PiecedText>;
  /** Alerts the recorder finds, as they come. */
  onAlerts(listener: (alerts: StoredAlert[]) => void): void;
  /**
   * For the read-only API: the snapshot JSON or the metrics text, from a snapshot that finished at
   * most API_FRESH_MS ago when there is one (no second collection per scrape).
   */
  takeApi(what: ApiDocument): Promise<PiecedText>;
  /** Stop the worker, if any. */
  close(): Promise<void>;
}

export function createSnapshotService(options: SnapshotServiceOptions = {}): SnapshotService {
  return options.inWorker
    ? new WorkerSnapshotService(options)
    : new InProcessSnapshotService(options.collector, options.socketTable);
}

class InProcessSnapshotService implements SnapshotService {
  private readonly taker: SnapshotTaker;
  private readonly live: LiveDeltas;
  private inFlight: Promise<Snapshot> | null = null;
  private readonly alertListeners: ((alerts: StoredAlert[]) => void)[] = [];
  private readonly historySession = new HistorySession((alerts) => this.alertListeners.forEach((l) => l(alerts)));

  constructor(collector?: CollectorName, socketTable?: 'netlink' | 'procfs') {
    this.taker = new SnapshotTaker(collector, { socketTable });
    this.live = new LiveDeltas(this.taker);
  }

  take(): Promise<Snapshot> {
    this.inFlight ??= this.taker.take().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  takeJson(): Promise<PiecedText> {
    return this.live.full();
  }

  async takeLive(wantFull: boolean, quiet = false): Promise<LiveTick> {
    const tick = await this.live.tick(wantFull, quiet);
    const t = this.live.lastTick;
    if (t) this.historySession.onTick(t.next, t.delta);
    return tick;
  }

  async takeApi(what: ApiDocument): Promise<PiecedText> {
    return apiDocument(await this.live.recent(API_FRESH_MS), what);
  }

  async history(req: HistoryOp): Promise<PiecedText> {
    return runHistoryOp(this.historySession, req);
  }

  onAlerts(listener: (alerts: StoredAlert[]) => void): void {
    this.alertListeners.push(listener);
  }

  async close(): Promise<void> {
    this.historySession.close();
  }
}

/** Candidate locations of the built worker, relative to the running module. */
function findWorkerUrl(): URL {
  const candidates = [
    './snapshotWorker.mjs', // bundled CLI: out/cli/
    '../snapshotWorker.mjs', // …when this code sits in a shared chunk: out/cli/chunks/
    './snapshotWorker.js', // electron-vite main build: out/main/
    '../snapshotWorker.js',
    '../../../out/cli/snapshotWorker.mjs', // running from source (tests): src/node/snapshot/
  ].map((rel) => new URL(rel, import.meta.url));
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (!found) throw new Error('the snapshot worker is not built (run `npm run build:cli`)');
  return found;
}

class WorkerSnapshotService implements SnapshotService {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (err: Error) => void }>();
  private inFlight: Promise<PiecedText> | null = null;
  private liveInFlight: Promise<LiveTick> | null = null;
  /** API requests under way, one per document: concurrent scrapers share one answer. */
  private readonly apiInFlight = new Map<ApiDocument, Promise<PiecedText>>();
  /** The last text of each document, by key: a scrape of an unchanged snapshot ships nothing. */
  private readonly apiHeld = new Map<ApiDocument, { key: string; text: PiecedText }>();
  /** Per document: warms it up just before a steady scraper's next visit. */
  private readonly rhythms = new Map<ApiDocument, ScrapeRhythm>();
  private closed = false;
  private readonly alertListeners: ((alerts: StoredAlert[]) => void)[] = [];
  /** The last `configure` sent: a restarted worker gets it again. */
  private historyConfig: HistoryOp | null = null;

  constructor(private readonly options: SnapshotServiceOptions) {}

  onAlerts(listener: (alerts: StoredAlert[]) => void): void {
    this.alertListeners.push(listener);
  }

  async history(req: HistoryOp): Promise<PiecedText> {
    const reply = await this.request({ kind: 'history', req });
    if (req.op === 'configure') this.historyConfig = req;
    if (!('json' in reply)) throw new Error('unexpected worker reply');
    return receivePieces(reply.json);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerUrl ?? findWorkerUrl(), {
      workerData: { collector: this.options.collector, socketTable: this.options.socketTable },
    });
    worker.on('message', (reply: WorkerReply | WorkerNotice) => {
      if ('notice' in reply) {
        for (const l of this.alertListeners) l(reply.notice.alerts);
        return;
      }
      const call = this.pending.get(reply.id);
      if (!call) return;
      this.pending.delete(reply.id);
      if ('error' in reply) call.reject(new Error(reply.error));
      else call.resolve(reply);
    });
    const fail = (err: Error) => {
      // A dead worker fails its pending calls; the next call starts a fresh one.
      this.worker = null;
      for (const call of this.pending.values()) call.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.worker === worker) fail(new Error(`snapshot worker exited (code ${code})`));
    });
    this.worker = worker;
    // A worker started again (the last one died) records again where the last one did.
    if (this.historyConfig) worker.postMessage({ id: this.nextId++, kind: 'history', req: this.historyConfig });
    return worker;
  }

  private request(req: WithoutId<WorkerRequest>): Promise<WorkerReply> {
    if (this.closed) return Promise.reject(new Error('snapshot service is closed'));
    return new Promise<WorkerReply>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.ensureWorker().postMessage({ ...req, id });
    });
  }

  takeJson(): Promise<PiecedText> {
    this.inFlight ??= this.request({ kind: 'full' })
      .then((reply) =>
        'json' in reply ? receivePieces(reply.json) : Promise.reject(new Error('unexpected worker reply')),
      )
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  takeApi(what: ApiDocument): Promise<PiecedText> {
    const arrivedAt = Date.now();
    const started = performance.now();
    const answer = this.apiText(what);
    let rhythm = this.rhythms.get(what);
    if (!rhythm) this.rhythms.set(what, (rhythm = new ScrapeRhythm(() => this.apiText(what))));
    const noted = rhythm;
    void answer.then(
      () => noted.scraped(arrivedAt, performance.now() - started),
      () => {},
    );
    return answer;
  }

  /** The document's text: the held one when the worker says it is still current, else the new one. */
  private apiText(what: ApiDocument): Promise<PiecedText> {
    let answer = this.apiInFlight.get(what);
    if (!answer) {
      const held = this.apiHeld.get(what);
      answer = this.request({ kind: 'api', what, maxAgeMs: API_FRESH_MS, have: held?.key ?? null })
        .then(async (reply) => {
          if (!('api' in reply)) throw new Error('unexpected worker reply');
          if (reply.api.text === null && held?.key === reply.api.key) return held.text;
          if (reply.api.text === null) throw new Error('the snapshot worker sent no text');
          const text = await receivePieces(reply.api.text);
          this.apiHeld.set(what, { key: reply.api.key, text });
          return text;
        })
        .finally(() => this.apiInFlight.delete(what));
      this.apiInFlight.set(what, answer);
    }
    return answer;
  }

  takeLive(wantFull: boolean, quiet = false): Promise<LiveTick> {
    // A tick already under way serves this caller too unless it needs the whole snapshot.
    if (this.liveInFlight && !wantFull) return this.liveInFlight;
    const tick = this.request({ kind: 'live', wantFull, quiet })
      .then(async (reply): Promise<LiveTick> => {
        if (!('live' in reply)) throw new Error('unexpected worker reply');
        const { full, delta, ...rest } = reply.live;
        const [fullText, deltaText] = await receiveBothPieces(full, delta);
        return { ...rest, full: fullText, delta: deltaText };
      })
      .finally(() => {
        if (this.liveInFlight === tick) this.liveInFlight = null;
      });
    this.liveInFlight = tick;
    return tick;
  }

  async take(): Promise<Snapshot> {
    // Loaded here only: zod is a large module and the CLI's in-process path never validates.
    const { SnapshotSchema } = await import('../../common/model/model');
    return SnapshotSchema.parse(JSON.parse(piecedToString(await this.takeJson())));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const r of this.rhythms.values()) r.stop();
    const worker = this.worker;
    this.worker = null;
    for (const call of this.pending.values()) call.reject(new Error('snapshot service closed'));
    this.pending.clear();
    if (worker) await worker.terminate();
  }
}
