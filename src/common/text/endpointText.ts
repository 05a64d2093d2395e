/**
 * How Sockeye writes an address and port wherever people read them (grids, the CLI table,
 * `diff`, reports, the filter's text search): IPv6 in brackets so its colons don't run into the
 * port's, as `ss` and URLs do.
 */

/** `::1` → `[::1]`; an IPv4 address, or one already in brackets, as it is. */
export function hostText(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

export interface EndpointTextOptions {
  /** What stands where there is no address (a listener's or an unconnected socket's peer); '' unless given. */
  missing?: string;
  /** A port nobody fixed: `*`, as `ss` writes it (the default), or left out. */
  noPort?: '*' | 'omit';
}

/** `127.0.0.1:80`, `[::1]:80`; `*` for a port nobody fixed; `options.missing` for no address. */
export function endpointText(address: string | null, port: number | null, options: EndpointTextOptions = {}): string {
  if (address === null) return options.missing ?? '';
  if (port === null && options.noPort === 'omit') return hostText(address);
  return `${hostText(address)}:${port ?? '*'}`;
}
