/**
 * `HOST[:PORT]` for a DNS server, as `--dns-server` and the UI's server field take it:
 * `192.0.2.53`, `192.0.2.53:5353`, `2001:db8::53`, `[2001:db8::53]:5353`.
 */
import ipaddr from 'ipaddr.js';

export interface DnsServerSpec {
  host: string;
  port: number;
  /** Canonical `HOST:PORT` (`[v6]:PORT`), as results name the server that answered. */
  text: string;
}

/** Parses `HOST[:PORT]`; HOST must be an IP address (the resolver needs one to ask). */
export function parseDnsServer(spec: string): DnsServerSpec | { error: string } {
  const s = spec.trim();
  let host = s;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(s);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2];
  } else if ((s.match(/:/g) ?? []).length === 1) {
    [host, portText] = s.split(':') as [string, string];
  }
  if (!ipaddr.isValid(host))
    return {
      error: `DNS server must be an IP address with an optional port (HOST[:PORT], [IPv6]:PORT), not '${spec}'`,
    };
  let port = 53;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535)
      return { error: `DNS server port must be 1–65535 in '${spec}'` };
    port = Number(portText);
  }
  const addr = ipaddr.parse(host);
  const canonical = addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6).toString() : addr.toString();
  const text = addr.kind() === 'ipv6' ? `[${canonical}]:${port}` : `${canonical}:${port}`;
  return { host: canonical, port, text };
}
