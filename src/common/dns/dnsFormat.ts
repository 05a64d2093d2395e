/**
 * DNS results as text: records in the style of `dig +short`, and errors in words a user reads.
 */
import type { DnsErrorCode, DnsRecord, DnsResult } from './dnsModel';

/** One record as `dig +short` prints it (MX "10 mail.example", SRV "10 5 443 host", TXT quoted). */
export function formatRecordShort(r: DnsRecord): string {
  switch (r.type) {
    case 'MX':
      return `${r.priority ?? 0} ${r.value}`;
    case 'SRV':
      return `${r.priority ?? 0} ${r.weight ?? 0} ${r.port ?? 0} ${r.value}`;
    case 'TXT':
      return JSON.stringify(r.value);
    default:
      return r.value;
  }
}

const ERROR_WORDS: Record<DnsErrorCode, string> = {
  NXDOMAIN: 'no such name',
  NODATA: 'no records of this type',
  SERVFAIL: 'the server failed to answer',
  REFUSED: 'server refused',
  TIMEOUT: 'timed out',
  UNREACHABLE: 'server unreachable',
  BADNAME: 'not a valid name',
};

/** Short words for an error code ("timed out", "server refused"); reverse lookups say "no PTR record". */
export function dnsErrorWords(code: DnsErrorCode, type?: DnsResult['type']): string {
  if (type === 'PTR' && (code === 'NXDOMAIN' || code === 'NODATA')) return 'no PTR record';
  return ERROR_WORDS[code];
}

/** Human names for where a name came from. */
export const NAME_SOURCE_WORDS = {
  'dns-ptr': 'DNS PTR',
  'hosts-file': 'hosts file',
  'system-resolver': 'system resolver',
  'forward-lookup': 'forward lookup',
} as const;

/** Whether the query was refused before anything was sent (an invalid name or address): no server, no time to report. */
export function notSent(r: Pick<DnsResult, 'error'>): boolean {
  return r.error?.code === 'BADNAME';
}
