import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { WireSender } from '../../../../src/node/server/wireSender';
import { PiecedMessageAssembler, wrapPieced } from '../../../../src/common/wire/pieces';

/** Records frames per event-loop turn, as the socket would take them. */
function fakeSocket() {
  const frames: { text: string; turn: number; binary: boolean }[] = [];
  // One count per event-loop turn (check phase, where the sender's next batch runs too).
  let turn = 0;
  let stopped = false;
  const count = () => {
    turn++;
    if (!stopped) setImmediate(count);
  };
  setImmediate(count);
  const ws = {
    OPEN: 1,
    readyState: 1,
    send(data: string | Uint8Array, opts: { binary: boolean }) {
      frames.push({
        text: typeof data === 'string' ? data : new TextDecoder().decode(data),
        turn,
        binary: opts.binary,
      });
    },
  };
  return { ws, frames, stop: () => (stopped = true) };
}

/** Until the sender has handed everything to the socket (it takes a few event-loop turns). */
async function drained(sender: WireSender): Promise<void> {
  for (let i = 0; sender.pending > 0 && i < 2000; i++) await new Promise((r) => setTimeout(r, 5));
}

describe('WireSender', () => {
  it('spreads a big message over several turns, as text frames, and keeps every message whole and in order', async () => {
    const { ws, frames, stop } = fakeSocket();
    const sender = new WireSender(ws as unknown as WebSocket);
    const body = JSON.stringify({ rows: Array.from({ length: 60_000 }, (_, i) => ({ i, name: `🐟 ${i}` })) });
    const encoder = new TextEncoder();
    const pieces = [body.slice(0, 400_000), body.slice(400_000, 900_000), body.slice(900_000)].map((p) =>
      encoder.encode(p),
    );
    sender.send(wrapPieced('{"id":1,"result":', { pieces }, '}'));
    sender.send('{"event":{"type":"delta","delta":{}}}'); // asked for while the snapshot is still going out
    await drained(sender);
    stop();
    expect(sender.pending).toBe(0);
    expect(frames.every((f) => !f.binary)).toBe(true);
    expect(new Set(frames.map((f) => f.turn)).size).toBeGreaterThan(1);
    const a = new PiecedMessageAssembler();
    const messages = frames.map((f) => a.accept(f.text)).filter((m) => m !== null);
    expect(messages).toEqual([`{"id":1,"result":${body}}`, '{"event":{"type":"delta","delta":{}}}']);
  });

  it('sends a small message at once, and nothing once the socket has closed', async () => {
    const { ws, frames, stop } = fakeSocket();
    const sender = new WireSender(ws as unknown as WebSocket);
    sender.send('{"id":2,"result":null}');
    expect(frames.map((f) => f.text)).toEqual(['{"id":2,"result":null}']);
    const big = { pieces: [new TextEncoder().encode(`"${'x'.repeat(2_000_000)}"`)] };
    sender.send(wrapPieced('{"id":3,"result":', big, '}'));
    sender.send(wrapPieced('{"id":4,"result":', big, '}'));
    ws.readyState = 3; // closed with the second one still queued
    await drained(sender);
    stop();
    expect(sender.pending).toBe(0);
    expect(frames.length).toBeLessThan(1 + 2 * 4);
    sender.send('{"id":5,"result":null}');
    expect(frames.at(-1)!.text).not.toContain('"id":5');
  });
});

describe('WireSender backlog (issue 18)', () => {
  /** A socket whose peer never reads: everything handed to it stays in bufferedAmount. */
  function stuckSocket() {
    const closes: { code: number; reason: string }[] = [];
    const ws = {
      OPEN: 1,
      readyState: 1,
      bufferedAmount: 0,
      send(data: string | Uint8Array) {
        this.bufferedAmount += typeof data === 'string' ? data.length : data.byteLength;
      },
      close(code: number, reason: string) {
        closes.push({ code, reason });
        this.readyState = 2;
      },
      terminate() {
        this.readyState = 3;
      },
    };
    return { ws, closes };
  }
  const message = (id: number, bytes: number) => `{"id":${id},"result":"${'x'.repeat(bytes)}"}`;

  it('holds parts back while the socket is full, and closes with 1008 and a reason past the limit', () => {
    const { ws, closes } = stuckSocket();
    const reasons: string[] = [];
    const sender = new WireSender(ws as unknown as WebSocket, {
      maxBacklogBytes: 4 * 1024 * 1024,
      onOverflow: (r) => reasons.push(r),
    });
    sender.send(message(1, 3 * 1024 * 1024)); // accepted whole into an empty backlog
    expect(ws.bufferedAmount).toBeLessThanOrEqual(2 * 1024 * 1024); // only up to the high water mark
    expect(sender.backlog).toBeGreaterThan(3 * 1024 * 1024);
    sender.send(message(2, 100)); // still within 2 × the largest message
    expect(closes).toEqual([]);
    sender.send(message(3, 3 * 1024 * 1024)); // 6+ MB waiting: over the limit
    expect(closes).toHaveLength(1);
    expect(closes[0]!.code).toBe(1008);
    expect(closes[0]!.reason).toMatch(/^client not reading: [\d.]+ MB queued, limit 6\.0 MB$/);
    expect(Buffer.byteLength(closes[0]!.reason)).toBeLessThanOrEqual(123); // fits a close frame
    expect(reasons).toEqual([closes[0]!.reason]);
    expect(sender.pending).toBe(0); // the queue was let go
  });
});

describe('requestTarget and isLoopbackHost', () => {
  it('splits a path and query, and refuses what is not an origin-form path', async () => {
    const { requestTarget } = await import('../../../../src/node/server/requestGuards');
    expect(requestTarget('/ws?x=%zz&y=1')).toMatchObject({ pathname: '/ws' });
    expect(requestTarget('/ws?x=%zz&y=1')!.query.get('y')).toBe('1');
    for (const bad of ['//', '//[', 'http://[', '*', '', undefined, 'a']) expect(requestTarget(bad)).toBeNull();
  });

  it('knows 127.0.0.0/8, ::1 and localhost as loopback, and nothing else', async () => {
    const { isLoopbackHost } = await import('../../../../src/node/server/loopbackHost');
    for (const h of ['127.0.0.1', '127.0.0.2', '127.255.0.9', '::1', '[::1]', 'localhost', 'LOCALHOST'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.2', '128.0.0.1', 'example.com', '::ffff:10.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(false);
  });
});
