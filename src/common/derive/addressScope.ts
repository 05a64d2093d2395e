/**
 * Address scope: how far an address reaches (this machine, a private network, the Internet …),
 * from ipaddr.js's IANA special-purpose ranges rather than hand-written patterns.
 */
import ipaddr from 'ipaddr.js';
import type { Scope } from '../model/model';

const RANGE_TO_SCOPE: Record<string, Scope> = {
  loopback: 'loopback',
  unspecified: 'unspecified',
  linkLocal: 'link-local',
  private: 'private',
  uniqueLocal: 'unique-local',
  carrierGradeNat: 'carrier-grade-nat',
  multicast: 'multicast',
  broadcast: 'broadcast',
  unicast: 'public',
};

const cache = new Map<string, Scope>();
const CACHE_LIMIT = 20_000;

/** The scope of an IPv4 or IPv6 address (zone ids allowed); `reserved` for anything unparseable. */
export function addressScope(address: string): Scope {
  let scope = cache.get(address);
  if (scope !== undefined) return scope;
  scope = computeScope(address);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(address, scope);
  return scope;
}

function computeScope(address: string): Scope {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const zone = bare.indexOf('%');
  const text = zone >= 0 ? bare.slice(0, zone) : bare;
  // Strict forms only: ipaddr.isValid would also take classful shorthands such as "1.2.3".
  const valid = text.includes(':') ? ipaddr.IPv6.isValid(text) : ipaddr.IPv4.isValidFourPartDecimal(text);
  if (!valid) return 'reserved';
  let parsed = ipaddr.parse(text);
  // ::ffff:a.b.c.d is an IPv4 peer seen through an IPv6 socket: it has the IPv4 address's scope.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  // Everything else ipaddr.js names (documentation, benchmarking, 6to4, teredo, as112 …) is special-purpose.
  return RANGE_TO_SCOPE[parsed.range()] ?? 'reserved';
}

/** The IPv4 text of an IPv4-mapped IPv6 address, else the address unchanged. */
export function unmapIPv4(address: string): string {
  return address.startsWith('::ffff:') && address.indexOf('.') > 0 ? address.slice(7) : address;
}
