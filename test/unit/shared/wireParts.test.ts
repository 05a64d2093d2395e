import { describe, expect, it } from 'vitest';
import { PART_CHARS, splitWireMessage, WirePartsAssembler } from '../../../src/shared/wireParts';

describe('wire parts', () => {
  it('sends a short message whole and passes it through untouched', () => {
    const text = JSON.stringify({ id: 1, result: { enabled: true } });
    expect(splitWireMessage(text)).toEqual([text]);
    expect(new WirePartsAssembler().accept(text)).toBe(text);
  });

  it('splits a long message into a header and pieces that join back into the same text', () => {
    const text = JSON.stringify({ id: 7, result: { rows: Array.from({ length: 40_000 }, (_, i) => ({ i, s: `row ${i} ·` })) } });
    const messages = splitWireMessage(text);
    const pieces = Math.ceil(text.length / PART_CHARS);
    expect(pieces).toBeGreaterThan(1);
    expect(messages).toHaveLength(pieces + 1);
    expect(messages[0]).toBe(`{"parts":${pieces}}`);
    const a = new WirePartsAssembler();
    const out = messages.map((m) => a.accept(m));
    expect(out.slice(0, -1).every((o) => o === null)).toBe(true);
    expect(out.at(-1)).toBe(text);
    // Back to whole messages afterwards.
    expect(a.accept('{"event":{}}')).toBe('{"event":{}}');
  });

  it('never cuts an emoji in half: every piece survives the trip as UTF-8 on its own', () => {
    // 🐟 is two UTF-16 code units; put one across every piece boundary of 10 characters.
    const text = `${'x'.repeat(9)}🐟`.repeat(50);
    const messages = splitWireMessage(text, 10);
    const pieces = messages.slice(1);
    // What the browser gets back: each piece encoded and decoded as its own text frame.
    const received = pieces.map((p) => new TextDecoder().decode(new TextEncoder().encode(p)));
    expect(received).toEqual(pieces);
    expect(received.join('')).toBe(text);
    expect(pieces.every((p) => p.length <= 10)).toBe(true);
    const a = new WirePartsAssembler();
    expect(messages.map((m) => a.accept(m)).at(-1)).toBe(text);
  });

  it('forgets a half-received message on reset (dropped connection)', () => {
    const a = new WirePartsAssembler();
    expect(a.accept('{"parts":3}')).toBeNull();
    expect(a.accept('{"id":1,')).toBeNull();
    a.reset();
    expect(a.accept('{"id":2,"result":null}')).toBe('{"id":2,"result":null}');
  });

  it('treats a message that only looks like a header as an ordinary one', () => {
    const a = new WirePartsAssembler();
    expect(a.accept('{"parts":0}')).toBe('{"parts":0}');
    expect(a.accept('{"parts":"x"}')).toBe('{"parts":"x"}');
  });
});
