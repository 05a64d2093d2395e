/**
 * Published ports: where a connection to one address:port is carried to another. From conntrack
 * (DNAT the kernel did, one group per original destination and rewritten destination) and from
 * Docker's userland proxy's own arguments. Never from ports alone.
 */
import type { Process, Published, Socket } from '../model/model';
import { dockerProxyTarget } from '../containers/dockerProxy';
import { isDnat, type CollectedConntrack } from './conntrack';

/** DNAT seen in each namespace's conntrack table, grouped; sorted by namespace, protocol, port. */
export function publishedFromConntrack(tables: readonly CollectedConntrack[]): Published[] {
  const groups = new Map<string, Published>();
  for (const t of tables)
    for (const e of t.entries) {
      if (!isDnat(e)) continue;
      const key = `${t.netns}|${e.protocol}|${e.dst}|${e.dport}|${e.replySrc}|${e.replySport}`;
      const g = groups.get(key);
      if (g) g.connections++;
      else
        groups.set(key, {
          netns: t.netns,
          protocol: e.protocol,
          address: e.dst,
          port: e.dport,
          toAddress: e.replySrc,
          toPort: e.replySport,
          via: 'conntrack',
          connections: 1,
        });
    }
  return [...groups.values()].sort(byPlace);
}

export const byPlace = (a: Published, b: Published) =>
  (a.netns ?? -1) - (b.netns ?? -1) ||
  a.protocol.localeCompare(b.protocol) ||
  a.port - b.port ||
  a.address.localeCompare(b.address) ||
  a.toAddress.localeCompare(b.toAddress) ||
  a.toPort - b.toPort;

/** `198.18.4.1:8080 → 198.18.4.2:80` (`[v6]:port` for IPv6). */
export function publishedText(p: Pick<Published, 'address' | 'port' | 'toAddress' | 'toPort'>): string {
  const at = (a: string, port: number) => `${a.includes(':') ? `[${a}]` : a}:${port}`;
  return `${at(p.address, p.port)} → ${at(p.toAddress, p.toPort)}`;
}

/** What each `docker-proxy` publishes, from its arguments; connections: its accepted ones. */
export function publishedFromDockerProxies(
  processes: readonly Pick<Process, 'pid' | 'name' | 'cmdline' | 'netns'>[],
  sockets: readonly Pick<Socket, 'pid' | 'side' | 'remoteAddress' | 'state'>[],
): Published[] {
  const out: Published[] = [];
  for (const p of processes) {
    const t = dockerProxyTarget(p.name, p.cmdline);
    if (!t || (t.protocol !== 'tcp' && t.protocol !== 'udp')) continue;
    let connections = 0;
    for (const s of sockets)
      if (s.pid === p.pid && s.side === 'server' && s.remoteAddress !== null && s.state !== 'LISTEN') connections++;
    out.push({
      netns: p.netns ?? null,
      protocol: t.protocol,
      address: t.hostIp ?? '0.0.0.0',
      port: t.hostPort,
      toAddress: t.containerIp,
      toPort: t.containerPort,
      via: 'docker-proxy',
      connections,
    });
  }
  return out;
}

/**
 * What a client's remote endpoint is published as, if anything: the entry of its namespace for
 * that protocol, address (or a proxy's wildcard) and port.
 */
export function publishedLookup(
  published: readonly Published[] | undefined,
): (
  netns: number | null | undefined,
  protocol: string,
  address: string | null,
  port: number | null,
) => Published | undefined {
  const by = new Map<string, Published>();
  for (const p of published ?? []) {
    const k = `${p.netns ?? ''}|${p.protocol}|${p.address}|${p.port}`;
    if (!by.has(k)) by.set(k, p);
  }
  return (netns, protocol, address, port) => {
    if (by.size === 0 || address === null || port === null) return undefined;
    const at = `${netns ?? ''}|${protocol}|`;
    return by.get(`${at}${address}|${port}`) ?? by.get(`${at}${address.includes(':') ? '::' : '0.0.0.0'}|${port}`);
  };
}
