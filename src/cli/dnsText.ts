/**
 * `sockeye dns` human output: a `;;` header line per answer, then the records as `dig +short`
 * prints them (one value a line, so `| head -1` still works); extra facts as `;;` lines.
 */
import type { DnsResult } from '../shared/dnsModel';
import { formatRecordShort, NAME_SOURCE_WORDS, notSent } from '../shared/dnsFormat';

export function formatDnsResult(r: DnsResult): string {
  // Refused before sending: no server asked and no time taken, so none is shown.
  const head = notSent(r)
    ? `;; ${r.query} ${r.type} not sent: refused before any query`
    : `;; ${r.query} ${r.type} @${r.server} ${r.elapsedMs} ms${r.cached ? ' (cached)' : ''}`;
  const lines = [head];
  for (const a of r.answers) lines.push(formatRecordShort(a));
  if (r.type === 'PTR' && r.names) {
    const dns = r.names.filter((n) => n.source === 'dns-ptr');
    if (dns.length)
      lines.push(
        `;; ${dns.map((n) => `${n.name} ${n.confirmed ? 'forward-confirmed' : 'NOT forward-confirmed'}`).join(', ')}`,
      );
    const other = r.names.filter((n) => n.source !== 'dns-ptr');
    if (other.length)
      lines.push(`;; also: ${other.map((n) => `${n.name} (${NAME_SOURCE_WORDS[n.source]})`).join(', ')}`);
  }
  if (r.system?.differs && r.type !== 'PTR') {
    const what = r.system.values.length ? r.system.values.join(', ') : (r.system.error?.message ?? 'nothing');
    lines.push(
      `;; system resolver (${r.system.source === 'hosts-file' ? 'hosts file' : 'getaddrinfo'}) differs: ${what}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** The one stderr line for a failed answer. */
export function formatDnsError(r: DnsResult): string {
  return `${r.query} ${r.type}: ${r.error!.code}: ${r.error!.message}`;
}
