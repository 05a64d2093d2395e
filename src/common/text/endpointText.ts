/**
 * How Sockeye writes an address and port wherever people read them (grids, the CLI table,
 * `diff`, reports, the filter's text search): IPv6 in brackets so its colons don't run into the
 * port's, as `ss` and URLs do.
 */

/** `::1` → `[::1]`; an IPv4 address, or one already in brackets, as it is. */
export function hostText(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/** `127.0.0.1:80`, `[::1]:80`; `*` for a port nobody fixed. */
export function endpointText(address: string, port: number | null): string {
  return `${hostText(address)}:${port ?? '*'}`;
}

/** Like endpointText, but a missing port is left out rather than shown as `*`. */
export function hostAndPort(address: string, port: number | null): string {
  return port === null ? hostText(address) : endpointText(address, port);
}
