/**
 * Preloaded (`node --import`) into the desktop harness's main process, before out/main/index.js:
 * registers the hook that makes `electron` the stand-in, and records every worker thread the app
 * starts (its script URL, and its exit) so the test can check the snapshot worker is the one next
 * to the built bundle and that quitting ends it. Test code only; worker threads inherit
 * `--import` and skip all of this.
 */
import { register, syncBuiltinESMExports } from 'node:module';
import { pathToFileURL } from 'node:url';
import workerThreads from 'node:worker_threads';

if (workerThreads.isMainThread) {
  register(new URL('./electron-hooks.mjs', import.meta.url));

  const Original = workerThreads.Worker;
  const report = (m: object) => {
    if (process.connected) process.send!({ type: 'worker', ...m });
  };
  class RecordedWorker extends Original {
    constructor(file: string | URL, options?: workerThreads.WorkerOptions) {
      super(file, options);
      const url = options?.eval ? '(eval)' : file instanceof URL ? file.href : pathToFileURL(file).href;
      const threadId = this.threadId;
      report({ event: 'start', threadId, url });
      this.once('exit', (code) => report({ event: 'exit', threadId, url, code }));
    }
  }
  // The bundle's `import { Worker } from "node:worker_threads"` sees the recorded class.
  workerThreads.Worker = RecordedWorker;
  syncBuiltinESMExports();
}
