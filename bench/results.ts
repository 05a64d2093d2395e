/** What every bench ends with: its goals as a table on stdout, its figures in bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A goal: what is measured, the figure, and the ceiling it must stay at or under. */
export type Goal = readonly [name: string, measured: number, ceiling: number];

/** The goals as Markdown table rows, PASS or MISS each. */
export function goalRows(goals: readonly Goal[]): string[] {
  return [
    '| goal | measured | target | result |',
    '|---|---:|---:|---|',
    ...goals.map(
      ([name, v, target]) => `| ${name} | ${v.toFixed(2)} | ≤ ${target} | ${v <= target ? 'PASS' : 'MISS'} |`,
    ),
  ];
}

/** bench/results/NAME.json under the working directory (`npm run bench` runs from the repo root). */
export function writeBenchResult(name: string, data: unknown): void {
  const dir = resolve(process.cwd(), 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, `${name}.json`), JSON.stringify(data, null, 2) + '\n');
}
