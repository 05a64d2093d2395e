/**
 * Who may use `sockeye serve`: a one-time code in the printed link, exchanged once (POST
 * /session) for a session credential the page keeps in sessionStorage. No cookie is ever set —
 * cookies are not scoped by port, so every other server on 127.0.0.1 would receive one — and
 * the link that lands in the browser's history is worthless once used. After each exchange a
 * new code is minted, so the terminal always shows one link that still works.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Sessions kept at once; the oldest goes first (each tab holds one; a reload reuses it). */
const MAX_SESSIONS = 256;

/** The WebSocket subprotocol every browser client offers, next to its credential. */
export const WS_PROTOCOL = 'sockeye';
/** Offered as a second subprotocol, `sockeye-session.<credential>`: browsers cannot set headers on a WebSocket. */
export const WS_SESSION_PREFIX = 'sockeye-session.';

const secret = () => randomBytes(32).toString('base64url');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class SessionCredentials {
  private liveCode: string;
  private readonly sessions = new Set<string>();

  constructor(firstCode: string = secret()) {
    this.liveCode = firstCode;
  }

  /** The code the newest printed link carries. */
  get code(): string {
    return this.liveCode;
  }

  /** A new session for the live code (which is then spent and replaced), or null for any other code. */
  exchange(code: unknown): string | null {
    if (typeof code !== 'string' || !safeEqual(code, this.liveCode)) return null;
    this.liveCode = secret();
    const session = secret();
    this.sessions.add(session);
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.values().next().value!);
    return session;
  }

  /** Whether `credential` is a session this server handed out. */
  valid(credential: string | null): boolean {
    if (credential === null) return false;
    for (const s of this.sessions) if (safeEqual(s, credential)) return true;
    return false;
  }
}
