/**
 * One line per address scope for newcomers: what the address means in the client–server model.
 */
import type { Scope } from '../model/model';

export const SCOPE_INFO: Record<Scope, { title: string; explain: string }> = {
  loopback: {
    title: 'Loopback',
    explain: '127.0.0.1 and ::1 — this machine talking to itself; nothing outside can reach it.',
  },
  unspecified: {
    title: 'Any address',
    explain: '0.0.0.0 and :: — a listener bound here accepts connections on every interface.',
  },
  'link-local': {
    title: 'Link-local',
    explain:
      '169.254.x.y and fe80:: — only neighbours on the same network link; made up when nothing else assigns an address.',
  },
  private: {
    title: 'Private',
    explain: '10.x, 172.16–31.x, 192.168.x — a private network (home, office, cloud VPC); not routed on the Internet.',
  },
  'unique-local': { title: 'Unique local', explain: 'fc00::/7 (usually fd…) — IPv6’s private network addresses.' },
  'carrier-grade-nat': {
    title: 'Carrier-grade NAT',
    explain: '100.64–127.x — shared by an ISP or VPN (e.g. Tailscale) in front of many customers.',
  },
  multicast: { title: 'Multicast', explain: '224–239.x and ff00:: — one sender, a group of receivers (mDNS, SSDP).' },
  broadcast: { title: 'Broadcast', explain: '255.255.255.255 — every machine on the local network at once.' },
  reserved: {
    title: 'Special-purpose',
    explain:
      'Documentation, benchmarking and other reserved ranges (192.0.2.x, 2001:db8::); not normal Internet hosts.',
  },
  public: {
    title: 'Public',
    explain: 'A globally routed Internet address: reachable from (or reaching out to) the wider Internet.',
  },
};
