/**
 * A session holder that stops reading and keeps asking for snapshots (issue 18 §3): serve grew
 * from 91 MB to 1.5 GB in 3.4 s. Now what a connection may have queued is bounded in bytes; the
 * connection is closed with a reason, and everyone else is still served.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SnapshotSchema } from '../../src/common/model/model';
import { PiecedMessageAssembler } from '../../src/common/wire/pieces';
import { memoryMb } from '../support/procMemory';
import { startServe, type Serve } from '../support/serve';
import { busySnapshot } from '../support/syntheticSnapshot';

let serve: Serve;
let sockets = 0;
beforeAll(async () => {
  const saved = busySnapshot(300, 5000, 150);
  sockets = saved.sockets.length;
  const file = join(mkdtempSync(join(tmpdir(), 'sockeye-slow-')), 'busy.json');
  writeFileSync(file, JSON.stringify(saved));
  serve = await startServe(['--snapshot', file]);
});
afterAll(async () => {
  await serve?.stop();
});

async function open(): Promise<WebSocket> {
  const session = await serve.session();
  return new Promise((res, rej) => {
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws`, { headers: { Authorization: `Bearer ${session}` } });
    ws.once('open', () => res(ws));
    ws.once('error', rej);
  });
}

function snapshotCall(ws: WebSocket, id: number): Promise<unknown> {
  return new Promise((res) => {
    const parts = new PiecedMessageAssembler();
    const onMessage = (d: WebSocket.RawData) => {
      const text = parts.accept(d.toString());
      if (text === null) return;
      const m = JSON.parse(text) as { id: number; result: unknown };
      if (m.id !== id) return;
      ws.off('message', onMessage);
      res(m.result);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method: 'snapshot', params: {} }));
  });
}

describe('sockeye serve and a client that does not read', () => {
  it('closes that connection with a clear reason, stays small, and keeps serving the others', async () => {
    expect(sockets).toBeGreaterThan(15_000);
    const reader = await open();
    const before = memoryMb(serve.child.pid!);
    const hog = await open();
    // Stop reading: the kernel's buffers fill, then serve's.
    (hog as unknown as { _socket: Socket })._socket.pause();
    let peak = before.rss;
    let id = 0;
    const deadline = Date.now() + 20_000;
    while (!serve.stderr().includes('client not reading') && Date.now() < deadline) {
      for (let i = 0; i < 4 && hog.readyState === WebSocket.OPEN; i++)
        hog.send(JSON.stringify({ id: ++id, method: 'snapshot', params: {} }));
      await new Promise((r) => setTimeout(r, 25));
      peak = Math.max(peak, memoryMb(serve.child.pid!).rss);
    }
    process.stdout.write(
      `non-reading client: ${sockets} sockets, ${id} snapshot calls, serve RSS ${before.rss.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB\n`,
    );
    expect(serve.stderr()).toMatch(/websocket ws-\d+ closed: client not reading: [\d.]+ MB queued, limit [\d.]+ MB/);
    // Bounded: one snapshot (~6 MB of JSON) in flight per call at most, 32 MB queued, the kernel's buffers.
    expect(peak - before.rss).toBeLessThan(400);
    const closed = new Promise<number>((res) => hog.once('close', (code) => res(code)));
    (hog as unknown as { _socket: Socket })._socket.resume();
    expect([1008, 1006]).toContain(await closed);
    // The other connection was never touched, and new ones are served.
    expect(SnapshotSchema.safeParse(await snapshotCall(reader, 1)).success).toBe(true);
    const late = await open();
    expect(SnapshotSchema.safeParse(await snapshotCall(late, 1)).success).toBe(true);
    reader.close();
    late.close();
    expect(serve.child.exitCode).toBeNull();
  });
});
