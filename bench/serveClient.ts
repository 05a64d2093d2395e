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

/** utime + stime of a process (all its threads), in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
