/**
 * `sockeye dns` human output: a `;;` header line per answer, then the records as `dig +short`
 * prints them (one value a line, so `| head -1` still works); extra facts as `;;` lines.
 */
import type { DnsResult } from '../../common/dns/dnsModel';
import { formatRecordShort, NAME_SOURCE_WORDS, notSent } from '../../common/dns/dnsFormat';
import { terminalField as f } from './terminalText';

export function formatDnsResult(r: DnsResult): string {
  // Refused before sending: no server asked and no time taken, so none is shown.
  const head = notSent(r)
    ? `;; ${f(r.query)} ${r.type} not sent: refused before any query`
    : `;; ${f(r.query)} ${r.type} @${r.server} ${r.elapsedMs} ms${r.cached ? ' (cached)' : ''}`;
  const lines = [head];
  // A TXT record may hold a newline: one value, one line.
  for (const a of r.answers) lines.push(f(formatRecordShort(a)));
  if (r.type === 'PTR' && r.names) {
    const dns = r.names.filter((n) => n.source === 'dns-ptr');
    if (dns.length)
      lines.push(
        `;; ${dns.map((n) => `${f(n.name)} ${n.confirmed ? 'forward-confirmed' : 'NOT forward-confirmed'}`).join(', ')}`,
      );
    const other = r.names.filter((n) => n.source !== 'dns-ptr');
    if (other.length)
      lines.push(`;; also: ${other.map((n) => `${f(n.name)} (${NAME_SOURCE_WORDS[n.source]})`).join(', ')}`);
  }
  if (r.system?.differs && r.type !== 'PTR') {
    const what = f(r.system.values.length ? r.system.values.join(', ') : (r.system.error?.message ?? 'nothing'));
    lines.push(
      `;; system resolver (${r.system.source === 'hosts-file' ? 'hosts file' : 'getaddrinfo'}) differs: ${what}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** The one stderr line for a failed answer. */
export function formatDnsError(r: DnsResult): string {
  return `${f(r.query)} ${r.type}: ${r.error!.code}: ${f(r.error!.message)}`;
}
