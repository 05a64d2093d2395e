/**
 * Which local sockets talk to given addresses right now (the DNS tab's "who is connected to
 * what this name resolves to").
 */
import { canonicalAddress } from '../dns/dnsAddress';
import type { Snapshot, Socket } from '../model/model';

/** Sockets whose remote end is one of `addresses` (an IPv4-mapped IPv6 remote matches its IPv4 form). */
export function socketsConnectedTo(snapshot: Snapshot, addresses: string[]): Socket[] {
  const wanted = new Set(addresses.map((a) => canonicalAddress(a)).filter((a): a is string => a !== null));
  if (wanted.size === 0) return [];
  const seen = new Map<string, string | null>();
  return snapshot.sockets.filter((s) => {
    if (!s.remoteAddress) return false;
    let c = seen.get(s.remoteAddress);
    if (c === undefined) {
      c = canonicalAddress(s.remoteAddress);
      seen.set(s.remoteAddress, c);
    }
    return c !== null && wanted.has(c);
  });
}
