/**
 * c-ares error codes (as Node reports them) mapped to the codes users see. Whether a query
 * timed out is decided by our own timer, not by the code Node gives (it can say ENOTFOUND or
 * ECANCELLED for a query we gave up on).
 */
import type { DnsError, DnsRecordType } from '../../common/dns/dnsModel';

export function mapResolverError(
  code: string | undefined,
  type: DnsRecordType,
  server: string,
  message: string,
): DnsError {
  switch (code) {
    case 'ENOTFOUND':
      return { code: 'NXDOMAIN', message: 'the name does not exist' };
    case 'ENODATA':
      return { code: 'NODATA', message: `the name exists but has no ${type} records` };
    case 'EBADRESP':
      // c-ares says EBADRESP for an SOA query answered with no SOA record.
      if (type === 'SOA') return { code: 'NODATA', message: 'the name exists but has no SOA record' };
      return { code: 'SERVFAIL', message: `${server} sent a malformed answer` };
    case 'ESERVFAIL':
      return { code: 'SERVFAIL', message: `${server} failed to answer` };
    case 'EFORMERR':
      return { code: 'SERVFAIL', message: `${server} could not parse the query (FORMERR)` };
    case 'ENOTIMP':
      return { code: 'SERVFAIL', message: `${server} does not implement this query (NOTIMP)` };
    case 'EREFUSED':
      return { code: 'REFUSED', message: `${server} refused the query` };
    case 'ETIMEOUT':
      return { code: 'TIMEOUT', message: `no answer from ${server} in time` };
    case 'ECONNREFUSED':
      return {
        code: 'UNREACHABLE',
        message: `${server} is unreachable (connection refused: no DNS server on that address and port)`,
      };
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
    case 'ESERVER':
      return { code: 'UNREACHABLE', message: `${server} is unreachable (${code})` };
    case 'EBADNAME':
    case 'EBADQUERY':
      return { code: 'BADNAME', message: 'not a valid name' };
    default:
      return { code: 'SERVFAIL', message: `query failed: ${code ?? message}` };
  }
}
