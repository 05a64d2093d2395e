/**
 * A foreign namespace's interfaces and addresses from its /proc/<pid>/net files, without
 * entering it (no `ip -n` — it needs a name in /run/netns, which containers lack — and no
 * nsenter): interface names from `dev`, IPv6 addresses with their interface from `if_inet6`,
 * IPv4 local addresses from `fib_trie` (its `/32 host LOCAL` leaves) placed on the interface of
 * the longest route in `route` that holds them (`lo` for 127/8). Best effort: what cannot be read
 * is left out, and unreadable as a whole is null.
 */
import ipaddr from 'ipaddr.js';
import type { InterfaceAddress, NamespaceInterface } from '../../../common/model/model';
import { addressScope } from '../../../common/derive/addressScope';
import { tryReadProcText } from './readProcFile';

/** Interface names in /proc/<pid>/net/dev order. */
export function parseNetDevNames(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon > 0) names.push(line.slice(0, colon).trim());
  }
  return names;
}

/** IPv6 addresses per interface from /proc/<pid>/net/if_inet6 ("<32 hex> idx plen scope flags name"). */
export function parseIfInet6(text: string): { name: string; address: string; prefix: number }[] {
  const out: { name: string; address: string; prefix: number }[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6 || !/^[0-9a-f]{32}$/i.test(f[0]!)) continue;
    const groups = f[0]!.match(/.{4}/g)!.join(':');
    out.push({ name: f[5]!, address: ipaddr.parse(groups).toString(), prefix: parseInt(f[2]!, 16) });
  }
  return out;
}

/** The local IPv4 addresses in /proc/<pid>/net/fib_trie (leaves followed by "/32 host LOCAL"). */
export function parseFibTrieLocal(text: string): string[] {
  const found = new Set<string>();
  let last: string | null = null;
  for (const line of text.split('\n')) {
    const leaf = /\|-- (\d+\.\d+\.\d+\.\d+)$/.exec(line);
    if (leaf) last = leaf[1]!;
    else if (last !== null && /\/32 host LOCAL/.test(line)) found.add(last);
  }
  return [...found];
}

interface Route {
  iface: string;
  dest: number;
  mask: number;
}

/** /proc/net/route's hex words are in host (little-endian) order. */
const hexWord = (h: string) => {
  const n = parseInt(h, 16) >>> 0;
  return (((n & 0xff) << 24) | ((n & 0xff00) << 8) | ((n >>> 8) & 0xff00) | (n >>> 24)) >>> 0;
};

export function parseRoutes(text: string): Route[] {
  const routes: Route[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    routes.push({ iface: f[0]!, dest: hexWord(f[1]!), mask: hexWord(f[7]!) });
  }
  return routes;
}

const ipv4Number = (a: string) => a.split('.').reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0);

/** The interface and prefix length of the most specific non-default route holding `address`. */
function routeFor(address: string, routes: readonly Route[]): { iface: string; prefix: number } | null {
  if (address.startsWith('127.')) return { iface: 'lo', prefix: 8 };
  const n = ipv4Number(address);
  let best: Route | null = null;
  for (const r of routes) {
    if (r.mask === 0 || (n & r.mask) >>> 0 !== r.dest) continue;
    if (!best || r.mask >>> 0 > best.mask >>> 0) best = r;
  }
  return best ? { iface: best.iface, prefix: prefixLength(best.mask) } : null;
}

function prefixLength(mask: number): number {
  let bits = 0;
  for (let m = mask >>> 0; m & 0x80000000; m = (m << 1) >>> 0) bits++;
  return bits;
}

/** A namespace's interfaces with their addresses through `pid`, or null when unreadable. */
export function readNamespaceInterfaces(pid: number, procRoot = '/proc'): NamespaceInterface[] | null {
  const base = `${procRoot}/${pid}/net`;
  const dev = tryReadProcText(`${base}/dev`);
  if (dev === null) return null;
  const byName = new Map<string, InterfaceAddress[]>();
  for (const name of parseNetDevNames(dev)) byName.set(name, []);
  const add = (name: string, a: InterfaceAddress) => {
    let list = byName.get(name);
    if (!list) byName.set(name, (list = []));
    list.push(a);
  };
  const routes = parseRoutes(tryReadProcText(`${base}/route`) ?? '');
  for (const address of parseFibTrieLocal(tryReadProcText(`${base}/fib_trie`) ?? '')) {
    const route = routeFor(address, routes);
    const cidr = route ? `${address}/${route.prefix}` : null;
    add(route?.iface ?? '?', { address, family: 'IPv4', cidr, scope: addressScope(address) });
  }
  for (const a of parseIfInet6(tryReadProcText(`${base}/if_inet6`) ?? '')) {
    add(a.name, {
      address: a.address,
      family: 'IPv6',
      cidr: `${a.address}/${a.prefix}`,
      scope: addressScope(a.address),
    });
  }
  return [...byName].map(([name, addresses]) => ({ name, addresses }));
}
