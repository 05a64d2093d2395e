/**
 * The DNS tab: look up a name (any record types) or an address (PTR, forward-confirmed), on the
 * default server or one you name, and see which local processes talk to the answers right now.
 */
import { useDnsQuery, type Outcome } from './useDnsQuery';
import { useMemo } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { SockeyeApi } from '../../../common/contract/api';
import { socketsConnectedTo } from '../../../common/viewModel/connectedTo';
import { canonicalAddress } from '../../../common/dns/dnsAddress';
import { DNS_RECORD_TYPES, type DnsRecordType, type DnsResult } from '../../../common/dns/dnsModel';
import type { Snapshot, Socket } from '../../../common/model/model';
import { endpoint } from '../ui/ownerText';
import { unownedWords } from '../../../common/text/ownerWords';
import { DnsResultSection } from './DnsResultSection';

function ConnectedProcesses({ full, results }: { full: Snapshot; results: DnsResult[] }) {
  const addresses = useMemo(() => {
    const out = new Set<string>();
    for (const r of results) {
      if (r.type === 'PTR' && canonicalAddress(r.query)) out.add(r.query);
      for (const a of r.answers) if (a.type === 'A' || a.type === 'AAAA') out.add(a.value);
    }
    return [...out];
  }, [results]);
  // One row per process: a busy client may hold thousands of connections to one address.
  const byProcess = useMemo(() => {
    const procs = new Map(full.processes.map((p) => [p.pid, p]));
    const groups = new Map<number | null, { pid: number | null; label: string; sockets: Socket[] }>();
    for (const s of socketsConnectedTo(full, addresses)) {
      let g = groups.get(s.pid);
      if (!g) {
        g = {
          pid: s.pid,
          label:
            s.pid === null ? unownedWords(s, full.host.privileged).short : (procs.get(s.pid)?.label ?? `pid ${s.pid}`),
          sockets: [],
        };
        groups.set(s.pid, g);
      }
      g.sockets.push(s);
    }
    return [...groups.values()].sort((a, b) => b.sockets.length - a.sockets.length || a.label.localeCompare(b.label));
  }, [full, addresses]);
  if (addresses.length === 0) return null;
  return (
    <Box component="section" aria-label="Local processes connected to these addresses" sx={{ mb: 3 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        Connected from this machine now
      </Typography>
      {byProcess.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No local process is connected to {addresses.join(', ')} in the current snapshot.
        </Typography>
      ) : (
        <Table size="small" aria-label="Processes connected to these addresses" sx={{ maxWidth: 1100 }}>
          <TableHead>
            <TableRow>
              <TableCell>Process</TableCell>
              <TableCell>PID</TableCell>
              <TableCell>Connections</TableCell>
              <TableCell>Local → remote</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {byProcess.map((g) => (
              <TableRow key={String(g.pid)}>
                <TableCell>{g.label}</TableCell>
                <TableCell>{g.pid ?? '—'}</TableCell>
                <TableCell>{g.sockets.length}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {g.sockets
                    .slice(0, 3)
                    .map(
                      (s) =>
                        `${endpoint(s.localAddress, s.localPort)} → ${endpoint(s.remoteAddress, s.remotePort)}${s.state ? ` ${s.state}` : ''}`,
                    )
                    .join(', ')}
                  {g.sockets.length > 3 ? `, … ${g.sockets.length - 3} more` : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

function DnsOutcome({ outcome, full }: { outcome: Outcome; full: Snapshot }) {
  if (outcome.status === 'pending') {
    return (
      <Box role="status" sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <CircularProgress size={18} aria-label="Looking up" />
        <Typography>Looking up…</Typography>
      </Box>
    );
  }
  if (outcome.status === 'failed')
    return <Alert severity="error">The lookup could not be made: {outcome.message}</Alert>;
  if (outcome.status !== 'done') return null;
  return (
    <Box aria-label="DNS results" role="region">
      {outcome.results.map((r, i) => (
        <DnsResultSection key={i} result={r} />
      ))}
      <ConnectedProcesses full={full} results={outcome.results} />
    </Box>
  );
}

export function DnsView({ api, full }: { api: SockeyeApi; full: Snapshot }) {
  const q = useDnsQuery(api);
  const { address, serverError, timeoutError } = q;
  return (
    <Box sx={{ height: '100%', overflow: 'auto', p: 2 }}>
      <Box
        component="form"
        onSubmit={(e) => void q.submit(e)}
        aria-label="DNS lookup"
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start', mb: 2 }}
      >
        <TextField
          label="Name or address"
          value={q.query}
          onChange={(e) => q.setQuery(e.target.value)}
          size="small"
          sx={{ minWidth: 300 }}
          helperText={
            address !== null ? 'An address: reverse (PTR) lookup, forward-confirmed' : 'A name: the record types below'
          }
          slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'off' } }}
        />
        <TextField
          label="DNS server"
          value={q.server}
          onChange={(e) => q.setServer(e.target.value)}
          size="small"
          placeholder="default"
          error={!!serverError}
          helperText={serverError ?? 'IP[:PORT]; blank for the default'}
          sx={{ width: 220 }}
        />
        <TextField
          label="Timeout (ms)"
          value={q.timeoutText}
          onChange={(e) => q.setTimeoutText(e.target.value)}
          size="small"
          error={!!timeoutError}
          helperText={timeoutError ?? ' '}
          sx={{ width: 130 }}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
        <Button type="submit" variant="contained" disabled={!q.canSubmit || q.outcome.status === 'pending'}>
          Look up
        </Button>
      </Box>
      <ToggleButtonGroup
        value={q.types}
        onChange={(_e, v: DnsRecordType[]) => q.setTypes(v)}
        aria-label="Record types"
        size="small"
        disabled={address !== null}
        sx={{ mb: 2, flexWrap: 'wrap' }}
      >
        {DNS_RECORD_TYPES.map((t) => (
          <ToggleButton key={t} value={t} sx={{ px: 1.5 }}>
            {t}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <DnsOutcome outcome={q.outcome} full={full} />
    </Box>
  );
}
