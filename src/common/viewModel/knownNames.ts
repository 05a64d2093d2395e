/**
 * Names for addresses: what the snapshot learned by reverse lookups (`dnsNames`), optionally
 * overlaid by a fresher source (the renderer's resolver cache).
 */
import type { KnownName } from '../model/model';
import { unmapIPv4 } from '../derive/addressScope';

/** The best known name of an address, or null when none is known. */
export type NameLookup = (address: string) => string | null;

/** A lookup over the snapshot's known names; `extra` (if given) is asked first. Confirmed names win over unconfirmed ones. */
export function nameLookup(dnsNames: readonly KnownName[], extra?: NameLookup): NameLookup {
  const byAddress = new Map<string, KnownName>();
  for (const k of dnsNames) {
    if (k.names.length === 0) continue;
    const key = unmapIPv4(k.address).toLowerCase();
    const seen = byAddress.get(key);
    if (!seen || (k.confirmed && !seen.confirmed)) byAddress.set(key, k);
  }
  return (address) => {
    const fromExtra = extra?.(address);
    if (fromExtra) return fromExtra;
    return byAddress.get(unmapIPv4(address).toLowerCase())?.names[0] ?? null;
  };
}
