/**
 * Masking for sharing: public IP addresses, host names, user names, MAC addresses, command lines,
 * paths and working folders are replaced by tokens (`public-ip-1`, `host-1`, `user-1` …). The
 * same value gets the same token everywhere in the snapshot, so the masked file still shows who
 * talks to whom. It works on the Snapshot itself, before any serialiser, so JSON, CSV and HTML
 * of one export agree.
 */
import ipaddr from 'ipaddr.js';
import { addressScope, unmapIPv4 } from '../derive/addressScope';
import type { Process, Scope, Snapshot, Socket } from '../model/model';

/**
 * An IPv6 address whose interface ID is built from a MAC (EUI-64: ff:fe in its middle) carries
 * that MAC in the clear — link-local and unique-local ones too — so it is masked like a MAC.
 */
export function isEui64(address: string): boolean {
  if (!address.includes(':') || !ipaddr.IPv6.isValid(address)) return false;
  const parts = ipaddr.IPv6.parse(address).parts;
  return (parts[5]! & 0xff) === 0xff && parts[6]! >> 8 === 0xfe;
}

/** One kind of value and the tokens given out so far. */
class Tokens {
  private readonly map = new Map<string, string>();
  constructor(private readonly prefix: string) {}

  token(value: string): string {
    let t = this.map.get(value);
    if (t === undefined) {
      t = `${this.prefix}-${this.map.size + 1}`;
      this.map.set(value, t);
    }
    return t;
  }

  has(value: string): boolean {
    return this.map.has(value);
  }

  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/** Published addresses are addresses like any other: the same tokens as in the sockets. */
function maskPublished(
  list: Snapshot['published'],
  ips: Tokens,
  ip: (address: string, scope: Scope | null) => string,
): Snapshot['published'] {
  const at = (a: string) => (ips.has(unmapIPv4(a)) ? ips.token(unmapIPv4(a)) : ip(a, addressScope(a)));
  return list?.map((p) => ({ ...p, address: at(p.address), toAddress: at(p.toAddress) }));
}

/** A namespace's addresses are masked as the host's are (its interfaces carry no MAC). */
function maskNamespaces(
  list: Snapshot['namespaces'],
  ip: (address: string, scope: Scope | null) => string,
  macs: Tokens,
): Snapshot['namespaces'] {
  return list?.map((n) => {
    if (n.interfaces === null) return n;
    const asHost = n.interfaces.map((i) => ({ ...i, mac: null, up: true, internal: false }));
    return {
      ...n,
      interfaces: maskInterfaces(asHost, ip, macs).map((i) => ({ name: i.name, addresses: i.addresses })),
    };
  });
}

function maskInterfaces(
  list: Snapshot['interfaces'],
  ip: (address: string, scope: Scope | null) => string,
  macs: Tokens,
): Snapshot['interfaces'] {
  return list.map((i) => ({
    ...i,
    mac: i.mac === null ? null : /^(00:){5}00$/.test(i.mac) ? i.mac : macs.token(i.mac),
    addresses: i.addresses.map((a) => {
      if (a.scope !== 'public' && !isEui64(a.address)) return a;
      const masked = ip(a.address, a.scope);
      const prefix = a.cidr?.split('/')[1];
      return {
        ...a,
        address: masked,
        cidr: a.cidr === null ? null : prefix === undefined ? masked : `${masked}/${prefix}`,
      };
    }),
  }));
}

/**
 * Warnings are free text that may quote any masked value: each is replaced there too, longest
 * first so a path is not half-replaced by one of its prefixes.
 */
function replacer(tokens: Tokens[]): (text: string) => string {
  const replacements = tokens
    .flatMap((t) => [...t.entries()])
    .filter(([value]) => value.length >= 3)
    .sort((a, b) => b[0].length - a[0].length);
  return (w) => replacements.reduce((text, [value, token]) => text.split(value).join(token), w);
}

/** The masked copy of `snapshot`; the input is not modified. */
export function maskSnapshot(snapshot: Snapshot): Snapshot {
  const ips = new Tokens('public-ip');
  const hosts = new Tokens('host');
  const users = new Tokens('user');
  const cmdlines = new Tokens('cmdline');
  const paths = new Tokens('path');
  const labels = new Tokens('app');
  const macs = new Tokens('mac');
  const eui64 = new Tokens('ipv6-from-mac');

  // An IPv4 peer seen through an IPv6 socket (::ffff:a.b.c.d) is the same host: one token.
  const ip = (address: string, scope: Scope | null): string =>
    scope === 'public' ? ips.token(unmapIPv4(address)) : isEui64(address) ? eui64.token(address) : address;
  const nullable = <T>(v: T | null, f: (v: T) => string): string | null => (v === null ? null : f(v));

  const hostname = hosts.token(snapshot.host.hostname);
  const sockets: Socket[] = snapshot.sockets.map((s) => ({
    ...s,
    localAddress: ip(s.localAddress, s.localScope),
    remoteAddress: nullable(s.remoteAddress, (a) => ip(a, s.remoteScope)),
  }));
  const processes: Process[] = snapshot.processes.map((p) => ({
    ...p,
    path: nullable(p.path, (v) => paths.token(v)),
    cwd: nullable(p.cwd, (v) => paths.token(v)),
    cmdline: nullable(p.cmdline, (v) => cmdlines.token(v)),
    user: nullable(p.user, (v) => users.token(v)),
    // A label such as "node · my-api" names the script or project folder: keep the runtime only.
    label: p.label === p.name ? p.label : `${p.name} · ${labels.token(p.label)}`,
  }));
  const interfaces = maskInterfaces(snapshot.interfaces, ip, macs);
  const namespaces = maskNamespaces(snapshot.namespaces, ip, macs);
  const dnsNames = snapshot.dnsNames.map((n) => ({
    ...n,
    // Masked when public, and whenever a socket already gave it a token (whatever its scope).
    address: ips.has(unmapIPv4(n.address)) ? ips.token(unmapIPv4(n.address)) : ip(n.address, addressScope(n.address)),
    names: n.names.map((name) => hosts.token(name)),
  }));
  const traffic = snapshot.traffic
    ? {
        ...snapshot.traffic,
        // Remote hosts are addresses like any other: the same token as in the sockets.
        remoteHosts: snapshot.traffic.remoteHosts.map((r) => ({
          ...r,
          address: ips.has(unmapIPv4(r.address))
            ? ips.token(unmapIPv4(r.address))
            : ip(r.address, addressScope(r.address)),
        })),
      }
    : snapshot.traffic;

  const replace = replacer([ips, eui64, hosts, users, cmdlines, paths, macs]);
  const warnings = snapshot.warnings.map(replace);

  // Unix socket paths can name users' folders and projects (/home/ann/…/app.sock): tokens, like paths.
  const unixPath = (v: string | null) => nullable(v, (x) => paths.token(x));
  const unix = snapshot.unixSockets
    ? {
        unixSockets: snapshot.unixSockets.map((u) => ({
          ...u,
          path: unixPath(u.path),
          peerPath: unixPath(u.peerPath),
        })),
        unixEdges: (snapshot.unixEdges ?? []).map((e) => ({ ...e, path: unixPath(e.path) })),
      }
    : {};
  const published = maskPublished(snapshot.published, ips, ip);
  return {
    ...snapshot,
    ...unix,
    ...(namespaces ? { namespaces } : {}),
    ...(published ? { published } : {}),
    // The machine's stable id names it as surely as its host name does.
    host: { ...snapshot.host, hostname, ...(snapshot.host.id ? { id: 'masked' } : {}) },
    interfaces,
    processes,
    sockets,
    edges: snapshot.edges.map((e) => ({ ...e })),
    dnsNames,
    warnings,
    ...(traffic !== undefined
      ? {
          traffic: traffic && {
            ...traffic,
            unavailableReason: traffic.unavailableReason === null ? null : replace(traffic.unavailableReason),
          },
        }
      : null),
  };
}
