/**
 * Byte counts and rates in human units (decimal, as network tools and ISPs count: 1 MB =
 * 1,000,000 bytes). Unknown is the word "unknown", never 0.
 */

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** 1234567 → "1.2 MB"; null/undefined → "unknown". */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'unknown';
  let v = n;
  let u = 0;
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${Math.round(v)} B` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${UNITS[u]}`;
}

/** Bytes per second: "1.0 MB/s"; null/undefined → "unknown". */
export function formatRate(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? 'unknown' : `${formatBytes(n)}/s`;
}

/** Why a socket has no counters, for a tooltip or a footnote. */
export function unknownTrafficReason(
  protocol: 'tcp' | 'udp',
  traffic: { available: boolean; unavailableReason: string | null } | null | undefined,
): string {
  if (!traffic)
    return 'this snapshot has no traffic counters (taken before Sockeye counted traffic, or by another tool)';
  if (!traffic.available) return `traffic unavailable: ${traffic.unavailableReason ?? 'no reason given'}`;
  if (protocol === 'udp') return 'the kernel keeps no byte counters for UDP sockets';
  return 'no counters for this socket (closing, or the owner is hidden)';
}

/** Parse "2s", "500ms", "1.5s", "2" (seconds) into milliseconds; null when not a duration. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const ms = m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
  return ms > 0 && Number.isFinite(ms) ? ms : null;
}
