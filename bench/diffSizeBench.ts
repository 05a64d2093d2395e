/**
 * `BENCH=diffSize npm run bench`: the text `sockeye diff` of an empty snapshot against one of N
 * listening sockets (DIFF_SOCKETS, default 700,000: ~185 MB, just under the 200 MB cap), with
 * the command's peak memory from /usr/bin/time. SOCKEYE_BIN points at another build to compare.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { proc, sampleSnapshot, sock } from '../test/support/sampleSnapshot';

const N = Number(process.env.DIFF_SOCKETS ?? 700_000);
const bin = process.env.SOCKEYE_BIN ?? resolve(process.cwd(), 'bin/sockeye.mjs');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sockeye-diffsize-'));
  const base = { ...sampleSnapshot(), processes: [proc(10, { role: 'server' })], sockets: [], edges: [] };
  const empty = join(dir, 'empty.json');
  writeFileSync(empty, JSON.stringify(base));
  // Written piece by piece: the whole document as one string would not fit a V8 string.
  const [head, tail] = JSON.stringify(base).split('"sockets":[]');
  const big = join(dir, 'big.json');
  const out = createWriteStream(big);
  out.write(`${head}"sockets":[`);
  for (let i = 0; i < N; i++) {
    const s = sock({
      pid: 10,
      localPort: 1 + (i % 65535),
      localAddress: `127.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255 || 1}`,
    });
    if (!out.write((i ? ',' : '') + JSON.stringify(s))) await once(out, 'drain');
  }
  out.end(`]${tail}`);
  await once(out, 'finish');
  const r = spawnSync('/usr/bin/time', ['-f', 'peak %M KB, %e s', process.execPath, bin, 'diff', empty, big], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const lines = r.stdout.split('\n').length - 1;
  const time = /peak \d+ KB, [\d.]+ s/.exec(r.stderr)?.[0] ?? '?';
  const error = r.stderr.split('\n').find((l) => l.startsWith('sockeye:'));
  process.stdout.write(
    `text diff of ${N} sockets (${(statSync(big).size / 1024 / 1024).toFixed(0)} MB): exit ${r.status}, ${lines} lines, ${time}${error ? `; ${error}` : ''}\n`,
  );
}

await main();
