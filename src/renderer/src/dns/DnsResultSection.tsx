/**
 * One DNS answer in the DNS tab: a heading with the count, server, time and cache state; the
 * records (several A records as several rows, CNAME chain first) with TTLs; the error in words;
 * for reverse lookups every name with its source; and the system resolver's answer beside it.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { DnsRecord, DnsResult } from '../../../common/dns/dnsModel';
import { notSent, dnsErrorWords, NAME_SOURCE_WORDS } from '../../../common/dns/dnsFormat';
import { visibleText } from '../ui/visibleText';

function details(r: DnsRecord): string {
  if (r.type === 'MX') return `priority ${r.priority ?? 0}`;
  if (r.type === 'SRV') return `priority ${r.priority ?? 0}, weight ${r.weight ?? 0}, port ${r.port ?? 0}`;
  if (r.type === 'PTR' && r.confirmed !== undefined) return r.confirmed ? 'forward-confirmed' : 'not forward-confirmed';
  if (r.type === 'CNAME') return 'alias';
  return '';
}

export function DnsResultSection({ result: r }: { result: DnsResult }) {
  const count = r.answers.filter((a) => a.type === r.type).length;
  const severity = r.error && (r.error.code === 'NXDOMAIN' || r.error.code === 'NODATA') ? 'info' : 'error';
  return (
    <Box component="section" aria-label={`${r.type} answer for ${r.query}`} sx={{ mb: 3 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {r.type} {r.query} — {r.error ? r.error.code : `${count} ${count === 1 ? 'record' : 'records'}`}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {notSent(r) ? (
          'not sent: refused before any query'
        ) : (
          <>
            {r.error ? 'asked' : 'answered by'} {r.server} in {r.elapsedMs} ms
            {r.cached ? ' (from the cache; TTLs count down)' : ''}
          </>
        )}
      </Typography>
      {r.error && (
        <Alert severity={severity} sx={{ my: 1 }}>
          {/* The code once, then the specific words (the message, which says more than the code's gloss). */}
          {r.error.code}: {r.error.message || dnsErrorWords(r.error.code, r.type)}
        </Alert>
      )}
      {r.answers.length > 0 && (
        <Table size="small" aria-label={`${r.type} records for ${r.query}`} sx={{ maxWidth: 900 }}>
          <TableHead>
            <TableRow>
              <TableCell>Type</TableCell>
              <TableCell>Value</TableCell>
              <TableCell>TTL (s)</TableCell>
              <TableCell>Details</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {r.answers.map((a, i) => (
              <TableRow key={i}>
                <TableCell>{a.type}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{visibleText(a.value)}</TableCell>
                <TableCell>{a.ttl ?? '—'}</TableCell>
                <TableCell>{details(a)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {r.names && r.names.length > 0 && (
        <Box sx={{ mt: 1 }}>
          <Typography variant="body2" component="h4" sx={{ fontWeight: 600 }}>
            Names for {r.query}
          </Typography>
          <Box component="ul" aria-label={`Names for ${r.query}`} sx={{ m: 0, pl: 3 }}>
            {r.names.map((n) => (
              <li key={`${n.source}:${n.name}`}>
                <Typography variant="body2">
                  <strong>{visibleText(n.name)}</strong> — {NAME_SOURCE_WORDS[n.source]}
                  {n.source === 'hosts-file' ? '' : n.confirmed ? ', forward-confirmed' : ', not forward-confirmed'}
                </Typography>
              </li>
            ))}
          </Box>
        </Box>
      )}
      {r.system && (
        <Typography variant="body2" sx={{ mt: 1 }} aria-label={`System resolver answer for ${r.type}`}>
          System resolver ({r.system.source === 'hosts-file' ? 'hosts file' : 'getaddrinfo'}):{' '}
          {r.system.values.length
            ? visibleText(r.system.values.join(', '))
            : r.system.error
              ? `${r.system.error.code} (${r.system.error.message})`
              : 'nothing'}
          {r.system.differs ? ' — differs from DNS' : r.system.values.length ? ' — same as DNS' : ''}
        </Typography>
      )}
    </Box>
  );
}
