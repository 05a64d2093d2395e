/**
 * Which addresses are this machine: loopback, the wildcard, and every address of its
 * interfaces. A peer at one of them is a local process, not a remote host.
 */
import type { NetInterface, Scope } from '../../model/model';
import { addressScope, unmapIPv4 } from '../../derive/addressScope';

export type IsLocalAddress = (address: string) => boolean;

/** A predicate that tells this host's own addresses (IPv4-mapped forms included) from remote ones. */
export function localAddressTest(interfaces: readonly Pick<NetInterface, 'addresses'>[]): IsLocalAddress {
  const own = new Set<string>();
  for (const i of interfaces) for (const a of i.addresses) own.add(unmapIPv4(stripZone(a.address)).toLowerCase());
  return (address) => {
    const bare = unmapIPv4(stripZone(address)).toLowerCase();
    if (own.has(bare)) return true;
    const scope: Scope = addressScope(bare);
    return scope === 'loopback' || scope === 'unspecified';
  };
}

function stripZone(address: string): string {
  const i = address.indexOf('%');
  return i >= 0 ? address.slice(0, i) : address;
}
