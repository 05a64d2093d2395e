/**
 * `ss -tuanpH` as the reference the integration tests compare snapshots with: one record per
 * socket with its 5-tuple, state (in Sockeye's words) and the pids ss attributes it to.
 */
import { execFileSync } from 'node:child_process';

export interface SsSocket {
  protocol: 'tcp' | 'udp';
  state: string;
  localAddress: string;
  localPort: number;
  remoteAddress: string | null;
  remotePort: number | null;
  pids: number[];
}

const STATES: Record<string, string> = {
  ESTAB: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECV',
  'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2',
  'TIME-WAIT': 'TIME_WAIT',
  UNCONN: 'CLOSE',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
};

/** "[::1]:80" → ["::1", 80]; "*:80" → ["::", 80] (ss prints a dual-stack :: bind as *); "0.0.0.0:*" → [addr, null]. */
export function splitSsEndpoint(text: string): [string, number | null] {
  const colon = text.lastIndexOf(':');
  let host = text.slice(0, colon);
  const port = text.slice(colon + 1);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const zone = host.indexOf('%');
  if (zone >= 0) host = host.slice(0, zone);
  if (host === '*') host = '::';
  return [host, port === '*' ? null : Number(port)];
}

export function parseSs(output: string): SsSocket[] {
  const out: SsSocket[] = [];
  for (const line of output.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6) continue;
    const protocol = f[0] === 'tcp' ? 'tcp' : f[0] === 'udp' ? 'udp' : null;
    if (!protocol) continue;
    const [localAddress, localPort] = splitSsEndpoint(f[4]!);
    const [peer, peerPort] = splitSsEndpoint(f[5]!);
    const noPeer = peerPort === null;
    let state = STATES[f[1]!] ?? f[1]!;
    if (protocol === 'udp') state = noPeer ? 'UNCONN' : 'CONNECTED';
    const pids = [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
    out.push({
      protocol,
      state,
      localAddress,
      localPort: localPort ?? 0,
      remoteAddress: noPeer ? null : peer,
      remotePort: noPeer ? null : peerPort,
      pids,
    });
  }
  return out;
}

export function runSs(): SsSocket[] {
  return parseSs(execFileSync('ss', ['-tuanpH'], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}
