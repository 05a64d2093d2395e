/**
 * `BENCH=slowClient npm run bench`: `sockeye serve --snapshot` of a ~20k-socket snapshot, one
 * client that stops reading and asks for a snapshot every few milliseconds for SLOW_SECONDS
 * (default 10), serve's resident memory sampled from /proc meanwhile. SOCKEYE_BIN points at
 * another build to compare (an older checkout whose link still carries `?token=`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { memoryMb } from '../test/support/procMemory';
import { busySnapshot } from '../test/support/syntheticSnapshot';

const bin = process.env.SOCKEYE_BIN ?? resolve(process.cwd(), 'bin/sockeye.mjs');
const SECONDS = Number(process.env.SLOW_SECONDS ?? 10);

/** Connects the way the build asks: an old link's token in the query, else a traded session. */
async function connect(link: string): Promise<WebSocket> {
  const u = new URL(link);
  let url = `ws://${u.host}/ws`;
  const headers: Record<string, string> = {};
  if (u.searchParams.has('token')) url += `?token=${u.searchParams.get('token')}`;
  else {
    const res = await fetch(`${u.origin}/session`, {
      method: 'POST',
      body: JSON.stringify({ code: u.searchParams.get('code') }),
    });
    headers.Authorization = `Bearer ${((await res.json()) as { session: string }).session}`;
  }
  return new Promise((res, rej) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => res(ws));
    ws.once('error', rej);
  });
}

async function main(): Promise<void> {
  const saved = busySnapshot(300, 5000, 150);
  const file = join(mkdtempSync(join(tmpdir(), 'sockeye-slow-')), 'busy.json');
  writeFileSync(file, JSON.stringify(saved));
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--snapshot', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const link = await new Promise<string>((res) => createInterface({ input: child.stdout }).once('line', res));
  const ws = await connect(link);
  const start = memoryMb(child.pid!);
  (ws as unknown as { _socket: Socket })._socket.pause();
  let peak = start.rss;
  let calls = 0;
  let closedAt: number | null = null;
  const t0 = Date.now();
  while (Date.now() - t0 < SECONDS * 1000 && child.exitCode === null) {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ id: ++calls, method: 'snapshot', params: {} }));
    if (closedAt === null && /client not reading/.test(stderr)) closedAt = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 5));
    if (child.exitCode === null) peak = Math.max(peak, memoryMb(child.pid!).rss);
  }
  const end = child.exitCode === null ? memoryMb(child.pid!).rss : NaN;
  child.kill('SIGINT');
  process.stdout.write(
    `${saved.sockets.length} sockets, ${calls} snapshot calls in ${SECONDS} s from a client that does not read: ` +
      `serve RSS ${start.rss.toFixed(0)} MB at start, peak ${peak.toFixed(0)} MB, ${end.toFixed(0)} MB at the end; ` +
      (closedAt !== null ? `connection closed after ${(closedAt / 1000).toFixed(1)} s` : 'connection never closed') +
      '\n',
  );
  process.exit(0);
}

await main();
