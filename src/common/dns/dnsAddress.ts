/**
 * Addresses as reverse lookups see them: canonical text, the PTR name to ask for, and which
 * addresses are worth asking about at all.
 */
import ipaddr from 'ipaddr.js';

/** Canonical text of an IP address (IPv4-mapped IPv6 becomes IPv4; IPv6 compressed, lower case), or null if it is not one. */
export function canonicalAddress(text: string): string | null {
  const t = text
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  if (!ipaddr.isValid(t)) return null;
  // ipaddr.isValid accepts shorthand like "10.1" or "0x7f.1"; a user typing those means something else.
  if (!t.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(t)) return null;
  let addr = ipaddr.parse(t);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress())
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  return addr.toString();
}

/** Whether two address texts name the same address (so ::ffff:10.0.0.1 equals 10.0.0.1). */
export function sameAddress(a: string, b: string): boolean {
  const ca = canonicalAddress(a);
  return ca !== null && ca === canonicalAddress(b);
}

/** The PTR query name: 1.0.0.127.in-addr.arpa, or the nibble form under ip6.arpa. */
export function arpaName(address: string): string | null {
  const c = canonicalAddress(address);
  if (c === null) return null;
  const addr = ipaddr.parse(c);
  if (addr.kind() === 'ipv4') return `${(addr as ipaddr.IPv4).octets.slice().reverse().join('.')}.in-addr.arpa`;
  const hex = (addr as ipaddr.IPv6)
    .toByteArray()
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  return `${hex.split('').reverse().join('.')}.ip6.arpa`;
}

/** The IP family of an address text, or null. */
export function addressFamily(address: string): 4 | 6 | null {
  const c = canonicalAddress(address);
  if (c === null) return null;
  return c.includes(':') ? 6 : 4;
}

/** Whether a remote address is worth a reverse lookup (not absent, not 0.0.0.0 or ::). */
export function isResolvableAddress(address: string | null | undefined): address is string {
  if (!address || address === '*') return false;
  const c = canonicalAddress(address);
  if (c === null) return false;
  return ipaddr.parse(c).range() !== 'unspecified';
}
