/**
 * What the benches need of a running `sockeye serve`: a client API over its WebSocket (the printed
 * link's one-time code traded for a session, as the page does) and the CPU a process has used.
 */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { createWsApi } from '../src/renderer/src/transport/wsClient';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** A SockeyeApi over the serve instance that printed `link` (http://HOST:PORT/?code=…). */
export async function serveApi(link: string) {
  const u = new URL(link);
  const res = await fetch(`${u.origin}/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: u.searchParams.get('code') }),
  });
  if (!res.ok) throw new Error(`serve refused the link's code (HTTP ${res.status})`);
  const { session } = (await res.json()) as { session: string };
  return createWsApi({
    url: `ws://${u.host}/ws`,
    protocols: async () => ['sockeye', `sockeye-session.${session}`],
    WebSocket: WebSocket as unknown as NonNullable<Parameters<typeof createWsApi>[0]['WebSocket']>,
  });
}

/**
 * The fields of a /proc stat file after the command name (which may hold spaces and parentheses),
 * as numbers of clock ticks where they are times: [11] utime, [12] stime, [13] cutime, [14] cstime.
 */
export function statFields(path: string): string[] {
  const stat = readFileSync(path, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Clock ticks of a stat field in seconds. */
export const tickSeconds = (field: string | undefined): number => Number(field) / TICKS_PER_SECOND;

/** utime + stime of a process (all its threads), in seconds. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(`/proc/${pid}/stat`);
  return tickSeconds(fields[11]) + tickSeconds(fields[12]);
}
