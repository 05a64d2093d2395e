/**
 * Names learned by reverse lookups this session, folded into a snapshot's `dnsNames` for export:
 * only for addresses the snapshot holds (a filtered export carries no others), fresher ones first.
 */
import { canonicalAddress } from '../dns/dnsAddress';
import type { KnownName, Snapshot } from '../model/model';

/** The snapshot's known names plus `learned` ones for its own addresses; a learned name replaces an older entry for the same address. */
export function mergeKnownNames(snapshot: Snapshot, learned: readonly KnownName[]): KnownName[] {
  const present = new Set<string>();
  for (const s of snapshot.sockets) {
    for (const a of [s.remoteAddress, s.localAddress]) {
      const c = a ? canonicalAddress(a) : null;
      if (c) present.add(c);
    }
  }
  const byAddress = new Map<string, KnownName>();
  for (const k of snapshot.dnsNames) byAddress.set(canonicalAddress(k.address) ?? k.address, k);
  for (const k of learned) {
    const c = canonicalAddress(k.address);
    if (c && present.has(c) && k.names.length) byAddress.set(c, { ...k, address: c });
  }
  return [...byAddress.values()];
}
