/**
 * The checks every request to `sockeye serve` passes before anything else, in this order:
 * the request target parses, the Host header names this server (DNS rebinding: a hostile page
 * that re-points its own name at 127.0.0.1 sends its own Host), then — for the API — the
 * session credential and the Origin. Nothing here throws: malformed input is an answer.
 */
import type { IncomingMessage } from 'node:http';
import { networkInterfaces, hostname } from 'node:os';
import { WS_SESSION_PREFIX } from './sessionCredentials';

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

export interface RequestTarget {
  pathname: string;
  query: URLSearchParams;
}

/**
 * The path and query of an origin-form request target (`/a/b?c=d`), or null for anything else
 * (`//`, `http://[`, `*`, ``). Hand-split rather than `new URL(…)`, which throws on `//x:99999`
 * and reads `//host/…` as a host: the target is a path here, never a place to go.
 */
export function requestTarget(raw: string | undefined): RequestTarget | null {
  if (raw === undefined || !raw.startsWith('/') || raw.startsWith('//')) return null;
  const q = raw.indexOf('?');
  const pathname = q < 0 ? raw : raw.slice(0, q);
  // URLSearchParams never throws: bad %-escapes stay as they are.
  return { pathname, query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

/**
 * The session credential a request presents: `Authorization: Bearer …` (scripts, tests), or a
 * WebSocket subprotocol `sockeye-session.…` (browsers cannot set headers on a WebSocket).
 * Never a cookie and never the URL, which end up in other servers' hands and in history.
 */
export function presentedCredential(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const protocols = req.headers['sec-websocket-protocol'];
  if (typeof protocols === 'string') {
    for (const p of protocols.split(',')) {
      const t = p.trim();
      if (t.startsWith(WS_SESSION_PREFIX)) return t.slice(WS_SESSION_PREFIX.length);
    }
  }
  return null;
}

/** A browser always sends Origin on a WebSocket and a POST; it must be this server's own page. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser (CLI tools, tests): Host and credential still apply
  return origin.toLowerCase() === `http://${req.headers.host?.toLowerCase()}`;
}
