// Preloaded into a `sockeye serve` under test (`node --import …/loopProbe.mjs bin/sockeye.mjs serve`):
// watches the serving thread's event loop with a 1 ms histogram. SIGUSR2 starts a fresh window;
// SIGUSR1 writes the window's figures (ms) as one JSON line to the file SOCKEYE_LOOP_PROBE names.
import { isMainThread } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { appendFileSync } from 'node:fs';

if (isMainThread && process.env.SOCKEYE_LOOP_PROBE) {
  const file = process.env.SOCKEYE_LOOP_PROBE;
  let h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  process.on('SIGUSR2', () => {
    h.disable();
    h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
  });
  process.on('SIGUSR1', () => {
    // The histogram counts its own 1 ms resolution as delay.
    const ms = (ns) => Math.max(0, ns / 1e6 - 1);
    const line = { max: ms(h.max), p99: ms(h.percentile(99)), p999: ms(h.percentile(99.9)), count: h.count };
    appendFileSync(file, JSON.stringify(line) + '\n');
  });
}
