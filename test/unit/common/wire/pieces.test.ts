import { describe, expect, it } from 'vitest';
import { PIECE_CHARS, PiecedMessageAssembler, wireMessages, wrapPieced } from '../../../../src/common/wire/pieces';

describe('pieced messages', () => {
  it('sends a short message whole and passes it through untouched', () => {
    const text = JSON.stringify({ id: 1, result: { enabled: true } });
    expect(wireMessages(text)).toEqual([text]);
    expect(new PiecedMessageAssembler().accept(text)).toBe(text);
  });

  it('splits a long message into a header and pieces that join back into the same text', () => {
    const text = JSON.stringify({
      id: 7,
      result: { rows: Array.from({ length: 40_000 }, (_, i) => ({ i, s: `row ${i} ·` })) },
    });
    const messages = wireMessages(text);
    const pieces = Math.ceil(text.length / PIECE_CHARS);
    expect(pieces).toBeGreaterThan(1);
    expect(messages).toHaveLength(pieces + 1);
    expect(messages[0]).toBe(`{"pieces":${pieces}}`);
    const a = new PiecedMessageAssembler();
    const out = messages.map((m) => a.accept(m));
    expect(out.slice(0, -1).every((o) => o === null)).toBe(true);
    expect(out.at(-1)).toBe(text);
    // Back to whole messages afterwards.
    expect(a.accept('{"event":{}}')).toBe('{"event":{}}');
  });

  it('never cuts an emoji in half: every piece survives the trip as UTF-8 on its own', () => {
    // 🐟 is two UTF-16 code units; put one across every piece boundary of 10 characters.
    const text = `${'x'.repeat(9)}🐟`.repeat(50);
    const messages = wireMessages(text, 10);
    const pieces = messages.slice(1);
    // What the browser gets back: each piece encoded and decoded as its own text frame.
    const received = pieces.map((p) => new TextDecoder().decode(new TextEncoder().encode(p)));
    expect(received).toEqual(pieces);
    expect(received.join('')).toBe(text);
    expect(pieces.every((p) => p.length <= 10)).toBe(true);
    const a = new PiecedMessageAssembler();
    expect(messages.map((m) => a.accept(m)).at(-1)).toBe(text);
  });

  it('sends JSON given in pieces as a pieced message without decoding its bytes; the browser joins the same text', () => {
    const body = JSON.stringify({
      takenAt: 't',
      sockets: Array.from({ length: 50 }, (_, i) => ({ i, name: `🐟 café ${i}` })),
    });
    const encoder = new TextEncoder();
    const bytePieces = [body.slice(0, 100), body.slice(100)].map((p) => encoder.encode(p));
    const message = wrapPieced('{"event":{"type":"snapshot","snapshot":', { pieces: bytePieces }, '}}');
    const parts = wireMessages(message, 32);
    // Header, the envelope's head (split: longer than 32 characters), both byte pieces as they are (never split), the tail.
    expect(parts[0]).toBe(`{"pieces":${parts.length - 1}}`);
    expect(parts.filter((p) => p instanceof Uint8Array)).toEqual(bytePieces);
    const a = new PiecedMessageAssembler();
    const asText = parts.map((p) => (typeof p === 'string' ? p : new TextDecoder().decode(p)));
    const whole = asText.map((p) => a.accept(p)).at(-1);
    expect(whole).toBe(`{"event":{"type":"snapshot","snapshot":${body}}}`);
    // A plain string still goes whole when short.
    expect(wireMessages('{"id":1,"result":null}')).toEqual(['{"id":1,"result":null}']);
  });

  it('forgets a half-received message on reset (dropped connection)', () => {
    const a = new PiecedMessageAssembler();
    expect(a.accept('{"pieces":3}')).toBeNull();
    expect(a.accept('{"id":1,')).toBeNull();
    a.reset();
    expect(a.accept('{"id":2,"result":null}')).toBe('{"id":2,"result":null}');
  });

  it('treats a message that only looks like a header as an ordinary one', () => {
    const a = new PiecedMessageAssembler();
    expect(a.accept('{"pieces":0}')).toBe('{"pieces":0}');
    expect(a.accept('{"pieces":"x"}')).toBe('{"pieces":"x"}');
  });
});
