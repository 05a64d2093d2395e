/**
 * Starts the real `sockeye serve --port 0` and hands back its link; stop() sends SIGINT and waits.
 * serve prints a link with a one-time code, and a fresh one each time a code is traded for a
 * session: `url` is the first, freshUrl() the newest unused one, session() trades one itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SOCKEYE_BIN } from './runCli';

export interface Serve {
  /** The first printed link (for one browser page). */
  url: string;
  origin: string;
  port: number;
  /** The first link's one-time code. */
  code: string;
  child: ChildProcess;
  /** Every link printed so far, first to newest. */
  links: string[];
  /** The API token serve printed (`API token: …`), or null (with --token-file it prints none). */
  apiToken: string | null;
  /** A link nobody has been handed yet: the newest, once the one before it has been used. */
  freshUrl(): Promise<string>;
  /** A session credential of its own, traded for the newest unused code (as the page does). */
  session(): Promise<string>;
  stderr(): string;
  stop(): Promise<number | null>;
}

/** POST /session {code} → the session credential, or the HTTP status that refused it. */
export async function exchangeCode(origin: string, code: string): Promise<string | number> {
  const res = await fetch(`${origin}/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (!res.ok) return res.status;
  return ((await res.json()) as { session: string }).session;
}

export async function startServe(args: string[] = [], bin = SOCKEYE_BIN): Promise<Serve> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d) => (err += d));
  const links: string[] = [];
  const waiters: (() => void)[] = [];
  const lines = createInterface({ input: child.stdout! });
  let apiToken: string | null = null;
  lines.on('line', (l) => {
    // The API token's line follows the first link in the same write: not a link.
    if (l.startsWith('API token: ')) {
      apiToken = l.slice('API token: '.length);
      return;
    }
    links.push(l);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((res, rej) => {
    waiters.push(res);
    child.once('exit', (code) => rej(new Error(`sockeye serve exited (${code}): ${err}`)));
  });
  const url = links[0]!;
  const u = new URL(url);
  // The token's line is written with the link (without --token-file): let readline reach it.
  for (let i = 0; i < 200 && apiToken === null && !args.includes('--token-file'); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  // Only the newest link is live; links[0] is `url`, handed out already.
  let handed = 0;
  /** The newest link, once it is one nobody has been handed (a page must use the last one first). */
  const fresh = () =>
    new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`serve printed no new link (have ${links.length})`)), 15_000);
      const check = () => {
        if (links.length - 1 > handed) {
          clearTimeout(timer);
          handed = links.length - 1;
          res(links[handed]!);
        } else waiters.push(check);
      };
      check();
    });
  return {
    url,
    origin: u.origin,
    port: Number(u.port),
    code: u.searchParams.get('code')!,
    child,
    links,
    get apiToken() {
      return apiToken;
    },
    freshUrl: fresh,
    async session() {
      // The newest link, unless a page traded it a moment ago: then the one printed next.
      for (let tries = 0; tries < 20; tries++) {
        const newest = links.length - 1;
        const got = await exchangeCode(u.origin, new URL(links[newest]!).searchParams.get('code')!);
        if (typeof got === 'string') {
          handed = Math.max(handed, newest);
          return got;
        }
        await new Promise<void>((res) => {
          const check = () => (links.length > newest + 1 ? res() : waiters.push(check));
          check();
        });
      }
      throw new Error('serve refused every code it printed');
    },
    stderr: () => err,
    stop: () =>
      new Promise((res) => {
        if (child.exitCode !== null) return res(child.exitCode);
        child.once('exit', (code) => res(code));
        child.kill('SIGINT');
      }),
  };
}
