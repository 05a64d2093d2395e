/**
 * Remote hosts on the map: one outer node per host while they are few; beyond the limit, hosts
 * of one subnet share a node, and if that is still too many, hosts of one scope do.
 */
import ipaddr from 'ipaddr.js';
import type { Scope } from '../../model/model';
import { unmapIPv4 } from '../../derive/addressScope';

export interface RemoteHost {
  address: string;
  scope: Scope;
  name: string | null;
  connections: number;
}

export interface RemoteBucket {
  /** Node id: `remote:ADDRESS`, `subnet:CIDR` or `scope:SCOPE`. */
  id: string;
  kind: 'host' | 'subnet' | 'scope';
  /** The host's name or address, the subnet (`10.1.2.0/24`), or the scope. */
  title: string;
  scope: Scope;
  hosts: RemoteHost[];
  connections: number;
}

/** The subnet an address is grouped under: /24 for IPv4, /48 for IPv6; null if it does not parse. */
export function subnetOf(address: string): string | null {
  const bare = unmapIPv4(address.replace(/%.*$/, ''));
  try {
    const parsed = ipaddr.parse(bare);
    if (parsed.kind() === 'ipv4') {
      const o = (parsed as ipaddr.IPv4).octets;
      return `${o[0]}.${o[1]}.${o[2]}.0/24`;
    }
    const p = (parsed as ipaddr.IPv6).parts;
    return `${p
      .slice(0, 3)
      .map((x) => x.toString(16))
      .join(':')}::/48`;
  } catch {
    return null;
  }
}

const byBusiest = (a: { connections: number; title: string }, b: { connections: number; title: string }) =>
  b.connections - a.connections || a.title.localeCompare(b.title);

function single(h: RemoteHost): RemoteBucket {
  return {
    id: `remote:${h.address}`,
    kind: 'host',
    title: h.name ?? h.address,
    scope: h.scope,
    hosts: [h],
    connections: h.connections,
  };
}

/** Buckets for `hosts` so that at most `limit` remote nodes are drawn (rules in the module doc). */
export function bucketRemoteHosts(hosts: readonly RemoteHost[], limit: number): RemoteBucket[] {
  if (hosts.length <= limit) return hosts.map(single).sort(byBusiest);
  const subnets = new Map<string, RemoteHost[]>();
  for (const h of hosts) {
    const key = subnetOf(h.address) ?? h.address;
    const list = subnets.get(key);
    if (list) list.push(h);
    else subnets.set(key, [h]);
  }
  if (subnets.size <= limit) {
    return [...subnets]
      .map(([cidr, members]) =>
        members.length === 1 ? single(members[0]!) : group(`subnet:${cidr}`, 'subnet', cidr, members),
      )
      .sort(byBusiest);
  }
  const scopes = new Map<Scope, RemoteHost[]>();
  for (const h of hosts) {
    const list = scopes.get(h.scope);
    if (list) list.push(h);
    else scopes.set(h.scope, [h]);
  }
  return [...scopes].map(([scope, members]) => group(`scope:${scope}`, 'scope', scope, members)).sort(byBusiest);
}

function group(id: string, kind: 'subnet' | 'scope', title: string, hosts: RemoteHost[]): RemoteBucket {
  // A subnet's hosts share a scope except in odd corners; the busiest host's scope stands for them.
  const sorted = [...hosts].sort((a, b) => b.connections - a.connections || a.address.localeCompare(b.address));
  return {
    id,
    kind,
    title,
    scope: sorted[0]!.scope,
    hosts: sorted,
    connections: sorted.reduce((n, h) => n + h.connections, 0),
  };
}
