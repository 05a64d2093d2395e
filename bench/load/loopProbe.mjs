// Preloaded into a `sockeye serve` under test (`node --import …/loopProbe.mjs bin/sockeye.mjs serve`):
// watches the serving thread's event loop with a 1 ms histogram. SIGUSR2 starts a fresh window;
// SIGUSR1 writes the window's figures (ms) as one JSON line to the file SOCKEYE_LOOP_PROBE names
// and stops watching. It is off outside a window: its 1,000 wake-ups a second cost ~3 % of a
// core, which a CPU figure of serve must not count.
import { isMainThread } from 'node:worker_threads';
import { monitorEventLoopDelay, PerformanceObserver, constants } from 'node:perf_hooks';
import { appendFileSync } from 'node:fs';

if (isMainThread && process.env.SOCKEYE_LOOP_PROBE) {
  const file = process.env.SOCKEYE_LOOP_PROBE;
  let h = monitorEventLoopDelay({ resolution: 1 });
  // The serving thread's own collections in the window, longest first: whether a block was GC.
  const kinds = { [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor' };
  let gcs = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      gcs.push({ kind: kinds[e.detail?.kind] ?? String(e.detail?.kind), ms: e.duration });
  });
  process.on('SIGUSR2', () => {
    h.disable();
    h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    gcs = [];
    gcObserver.observe({ entryTypes: ['gc'] });
  });
  process.on('SIGUSR1', () => {
    h.disable();
    gcObserver.disconnect();
    // The histogram counts its own 1 ms resolution as delay.
    const ms = (ns) => Math.max(0, ns / 1e6 - 1);
    const longestGc = gcs.sort((a, b) => b.ms - a.ms).slice(0, 3);
    const line = {
      max: ms(h.max),
      p99: ms(h.percentile(99)),
      p999: ms(h.percentile(99.9)),
      count: h.count,
      gcs: gcs.length,
      longestGc,
    };
    appendFileSync(file, JSON.stringify(line) + '\n');
  });
}
