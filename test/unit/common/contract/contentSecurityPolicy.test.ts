import { describe, expect, it } from 'vitest';
import { DESKTOP_CSP, serveCsp } from '../../../../src/common/contract/contentSecurityPolicy';

const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d] as const));

describe('the one Content-Security-Policy', () => {
  it("keeps serve's header exactly as it was before the two copies became one", () => {
    expect(serveCsp('127.0.0.1:4321')).toBe(
      "default-src 'self'; script-src 'self'; worker-src 'self'; connect-src 'self' ws://127.0.0.1:4321; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; object-src 'none'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('gives the desktop window no network at all: no ws:, no wss:, no host, and forbids framing', () => {
    const d = directives(DESKTOP_CSP);
    expect(d.get('connect-src')).toBe("connect-src 'self'");
    expect(d.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(d.get('object-src')).toBe("object-src 'none'");
    expect(DESKTOP_CSP).not.toMatch(/\bwss?:|https?:|\*|unsafe-eval|blob:/);
  });

  it('differs between the two only in the one WebSocket origin serve allows', () => {
    const desktop = directives(DESKTOP_CSP);
    const serve = directives(serveCsp('[::1]:80'));
    expect([...serve.keys()]).toEqual([...desktop.keys()]);
    for (const [name, value] of desktop) if (name !== 'connect-src') expect(serve.get(name)).toBe(value);
    expect(serve.get('connect-src')).toBe("connect-src 'self' ws://[::1]:80");
  });
});
