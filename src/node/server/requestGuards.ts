/**
 * The checks every request to `sockeye serve` passes before anything else, in this order:
 * the Host header names this server (DNS rebinding: a hostile page that re-points its own name
 * at 127.0.0.1 sends its own Host), then the token, then — for the WebSocket — the Origin.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { networkInterfaces, hostname } from 'node:os';

export const TOKEN_COOKIE = 'sockeye_token';

/** Host header values (host:port) this server answers to. */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set<string>(['localhost', '127.0.0.1', '[::1]']);
  const bracket = (h: string) => (h.includes(':') ? `[${h}]` : h);
  names.add(bracket(boundHost));
  // Bound to every interface: any of this host's own addresses (and its name) are legitimate.
  if (boundHost === '0.0.0.0' || boundHost === '::') {
    names.add(hostname());
    for (const addrs of Object.values(networkInterfaces())) {
      for (const a of addrs ?? []) names.add(bracket(a.address.split('%')[0]!));
    }
  }
  return new Set([...names].map((n) => `${n.toLowerCase()}:${port}`));
}

export function hostAllowed(req: IncomingMessage, allowed: Set<string>): boolean {
  const host = req.headers.host?.toLowerCase();
  return host !== undefined && allowed.has(host);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token from `?token=` or the cookie set when the page was first loaded with it. */
export function presentedToken(req: IncomingMessage, url: URL): string | null {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function tokenValid(req: IncomingMessage, url: URL, token: string): boolean {
  const given = presentedToken(req, url);
  return given !== null && safeEqual(given, token);
}

/** A browser WebSocket always sends Origin; it must be this server's own page. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser (CLI tools, tests): Host and token still apply
  return origin.toLowerCase() === `http://${req.headers.host?.toLowerCase()}`;
}
