/**
 * Decoding of the hex addresses in /proc/net/{tcp,udp}{,6}. The kernel prints each 32-bit word
 * in host byte order (little-endian on every platform Sockeye's procfs collector runs on), so
 * 127.0.0.1 reads "0100007F". Text follows inet_ntop (what `ss` prints): RFC 5952 zero
 * compression and dotted IPv4 inside IPv4-mapped addresses.
 *
 * Hand-written on purpose: it runs for every socket of every refresh, and a table of 20,000
 * sockets shares few distinct addresses, so results are memoized per hex string.
 */

const HEX: Record<string, number> = {};
for (let i = 0; i < 16; i++) {
  HEX[i.toString(16)] = i;
  HEX[i.toString(16).toUpperCase()] = i;
}

function hexByte(s: string, at: number): number {
  const hi = HEX[s[at]!];
  const lo = HEX[s[at + 1]!];
  if (hi === undefined || lo === undefined) return -1;
  return (hi << 4) | lo;
}

/** Bytes of one little-endian 32-bit word printed as 8 hex digits, in network order. */
function wordBytes(s: string, at: number, out: number[]): boolean {
  for (let k = 3; k >= 0; k--) {
    const b = hexByte(s, at + k * 2);
    if (b < 0) return false;
    out.push(b);
  }
  return true;
}

const v4Cache = new Map<string, string | null>();
const v6Cache = new Map<string, string | null>();
const CACHE_LIMIT = 50_000;

function remember(cache: Map<string, string | null>, key: string, value: string | null): string | null {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** "0100007F" → "127.0.0.1"; null when the text is not 8 hex digits. */
export function decodeIPv4Hex(hex: string): string | null {
  const hit = v4Cache.get(hex);
  if (hit !== undefined) return hit;
  const bytes: number[] = [];
  const ok = hex.length === 8 && wordBytes(hex, 0, bytes);
  return remember(v4Cache, hex, ok ? bytes.join('.') : null);
}

/** 32 hex digits → RFC 5952 text ("::1", "::ffff:127.0.0.1", "fe80::1"); null when malformed. */
export function decodeIPv6Hex(hex: string): string | null {
  const hit = v6Cache.get(hex);
  if (hit !== undefined) return hit;
  const bytes: number[] = [];
  let ok = hex.length === 32;
  for (let w = 0; ok && w < 4; w++) ok = wordBytes(hex, w * 8, bytes);
  return remember(v6Cache, hex, ok ? formatIPv6(bytes) : null);
}

/** 16 address bytes in network order → RFC 5952 text (also used by the netlink decoder). */
export function formatIPv6(b: ArrayLike<number>): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((b[i]! << 8) | b[i + 1]!);
  // Longest run of zero words (leftmost on ties); runs of one are not compressed.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) bestStart = -1;
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) keep the dotted tail, as inet_ntop does.
  const dotted =
    bestStart === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))
      ? `${b[12]}.${b[13]}.${b[14]}.${b[15]}`
      : null;
  let out = '';
  const last = dotted ? 6 : 8;
  for (let i = 0; i < last; i++) {
    if (i === bestStart) {
      out += i === 0 ? '::' : ':';
      i += bestLen - 1;
      continue;
    }
    out += words[i]!.toString(16);
    if (i < 7) out += ':';
  }
  if (dotted) out += dotted;
  return out;
}
