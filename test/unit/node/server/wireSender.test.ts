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
