/**
 * Runs ELK off the main thread: elkjs's own worker script, emitted by Vite as a same-origin
 * asset (so the CSP needs only `worker-src 'self'`). Where a worker cannot start (a file://
 * page in some Electron setups, a stricter policy) the bundled ELK runs on the main thread
 * instead, loaded only then.
 */
import type { ELK, ElkNode } from 'elkjs/lib/elk-api';
import ElkApi from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';

export type LayoutThread = 'worker' | 'main thread';

type Layouter = Pick<ELK, 'layout'>;

let workerElk: { elk: Layouter; failed: Promise<never> } | null = null;
let workerBroken = false;
let mainElk: Promise<Layouter> | null = null;

function startWorker(): { elk: Layouter; failed: Promise<never> } {
  const worker = new Worker(elkWorkerUrl);
  const failed = new Promise<never>((_resolve, reject) => {
    worker.addEventListener(
      'error',
      (e) => reject(new Error(`layout worker failed: ${e.message || 'could not start'}`)),
      { once: true },
    );
  });
  failed.catch(() => {}); // observed by layout() when it matters
  const elk: Layouter = new ElkApi({ workerFactory: () => worker });
  return { elk, failed };
}

async function mainThreadElk(): Promise<Layouter> {
  mainElk ??= import('elkjs/lib/elk.bundled.js').then(({ default: Elk }): Layouter => new Elk());
  return mainElk;
}

/**
 * Starts the worker ahead of the first layout, so compiling ELK (1.6 MB) overlaps building the
 * graph and the first render instead of following them.
 */
export function warmUpLayout(): void {
  if (workerBroken || workerElk) return;
  try {
    workerElk = startWorker();
  } catch {
    workerBroken = true; // layoutGraph falls back to the main thread
  }
}

/** Lay out `graph` with ELK; says where it ran. ELK's own errors (a bad graph) are thrown. */
export async function layoutGraph(graph: ElkNode): Promise<{ result: ElkNode; thread: LayoutThread }> {
  if (!workerBroken) {
    try {
      workerElk ??= startWorker();
      const { elk, failed } = workerElk;
      const result: ElkNode = await Promise.race([elk.layout(graph), failed]);
      return { result, thread: 'worker' };
    } catch (err) {
      const workerFault =
        err instanceof Error && (err.message.startsWith('layout worker failed') || err.name === 'SecurityError');
      if (!workerFault) throw err;
      workerBroken = true;
      workerElk = null;
    }
  }
  return { result: await (await mainThreadElk()).layout(graph), thread: 'main thread' };
}
