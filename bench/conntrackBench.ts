/**
 * `BENCH=conntrack npm run bench`: parsing a conntrack table (common/nat/conntrack.ts) of
 * 10,000 and 65,536 lines (a default nf_conntrack_max), built from the recorded lines in
 * test/fixtures/conntrack, one in ten DNAT: every entry built, and only the DNAT ones (what the
 * collector does on each refresh), beside `text.split('\n')` of the same text (the floor).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConntrack } from '../src/common/nat/conntrack';
import { median, timeRuns } from './timing';

const recorded = readFileSync(resolve('test/fixtures/conntrack/nf_conntrack.txt'), 'latin1').trim().split('\n');
const dnat = recorded[0]!;
const direct = recorded[3]!.replace(/0000:0000:0000:0000:0000:0000:0000:0001/g, '10.0.0.1');

function table(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++)
    out.push((i % 10 === 0 ? dnat : direct).replace(/=46(898|294)/g, `=${1024 + (i % 60000)}`));
  return out.join('\n') + '\n';
}

for (const lines of [10_000, 65_536]) {
  const text = table(lines);
  for (let w = 0; w < 3; w++) parseConntrack(text, true);
  const floor = median(await timeRuns(10, () => text.split('\n')));
  const all = median(await timeRuns(10, () => parseConntrack(text)));
  const only = median(await timeRuns(10, () => parseConntrack(text, true)));
  console.log(
    `${lines} lines (${(text.length / 1e6).toFixed(1)} MB): split ${floor.toFixed(1)} ms · every entry ${all.toFixed(1)} ms · DNAT only ${only.toFixed(1)} ms`,
  );
}
