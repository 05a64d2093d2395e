/**
 * Performance marks the benchmarks read (bench/uiBench.ts, bench/filterBench.ts, bench/mapBench.ts):
 * any feature may set one, so it lives with the app's state, not with one feature.
 */

/** Marks the first paint after the current render (a frame, then a task), under `name`. */
export function markPaintAfterRender(name: string): void {
  requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
}
