/**
 * Compare: two snapshots side by side in time — a saved one and now, two saved files, or this
 * view and a fresh one — showing listeners opened and closed, connections added and removed,
 * processes that appeared, vanished or changed role, and remote hosts seen for the first time.
 */
import { hostAndPort } from '../../../shared/endpointText';
import { holdersText } from '../../../shared/ownerWords';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import { useEffect, useMemo, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import type { SockeyeApi } from '../../../shared/api';
import type { Process, Snapshot, Socket } from '../../../shared/model';
import { diffHighlights, diffSnapshots, isEmptyDiff } from '../../../shared/snapshotDiff';
import { readSnapshotBlob } from '../savedSnapshot/readSnapshotFile';
import { useOpened } from '../savedSnapshot/openedStore';

interface Side {
  snapshot: Snapshot;
  label: string;
}

const MAX_ROWS = 500;

function when(s: Snapshot): string {
  return `${new Date(s.takenAt).toLocaleString()} on ${s.host.hostname}`;
}

function endpoint(address: string | null, port: number | null): string {
  return address === null ? '' : hostAndPort(address, port);
}

function SocketTable({
  title,
  sockets,
  procs,
  sign,
}: {
  title: string;
  sockets: Socket[];
  procs: Map<number, Process>;
  sign: '+' | '−';
}) {
  if (sockets.length === 0) return null;
  return (
    <Box component="section" aria-label={title} sx={{ mb: 2 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {sign} {title} ({sockets.length})
      </Typography>
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>Protocol</TableCell>
            <TableCell>Local</TableCell>
            <TableCell>Remote</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Process</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sockets.slice(0, MAX_ROWS).map((s, i) => (
            <TableRow key={i}>
              <TableCell>{s.protocol}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{endpoint(s.localAddress, s.localPort)}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>
                {/* A server's peer came to it: local ← remote, as the CLI diff writes it. */}
                {s.remoteAddress === null ? '' : s.side === 'server' ? '← ' : '→ '}
                {endpoint(s.remoteAddress, s.remotePort)}
              </TableCell>
              <TableCell>{s.state ?? ''}</TableCell>
              <TableCell>{holdersText(s, procs, true)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {sockets.length > MAX_ROWS && (
        <Typography variant="body2">
          … and {sockets.length - MAX_ROWS} more (export both and use `sockeye diff` for all).
        </Typography>
      )}
    </Box>
  );
}

function ProcessTable({
  title,
  rows,
  sign,
}: {
  title: string;
  rows: { pid: number; label: string; detail: string }[];
  sign: string;
}) {
  if (rows.length === 0) return null;
  return (
    <Box component="section" aria-label={title} sx={{ mb: 2 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {sign} {title} ({rows.length})
      </Typography>
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>PID</TableCell>
            <TableCell>Process</TableCell>
            <TableCell>Role</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.slice(0, MAX_ROWS).map((r) => (
            <TableRow key={r.pid}>
              <TableCell>{r.pid}</TableCell>
              <TableCell>{r.label}</TableCell>
              <TableCell>{r.detail}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function SidePicker({
  name,
  side,
  current,
  api,
  canTakeNow,
  onPick,
}: {
  name: 'Earlier' | 'Later';
  side: Side | null;
  current: Side;
  api: SockeyeApi;
  canTakeNow: boolean;
  onPick(side: Side | null, error?: string): void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const openFile = async () => {
    if (api.transport !== 'ipc') return input.current?.click();
    setBusy(true);
    try {
      const r = await api.openSnapshot({});
      if (!r.canceled && r.snapshot) onPick({ snapshot: r.snapshot, label: `Saved snapshot ${r.name ?? ''}` });
    } catch (err) {
      onPick(side, err instanceof Error ? err.message.replace(/ \([A-Z_]+\)$/, '') : String(err));
    } finally {
      setBusy(false);
    }
  };
  const takeNow = async () => {
    setBusy(true);
    try {
      onPick({ snapshot: await api.snapshot({}), label: 'Snapshot taken now' });
    } catch (err) {
      onPick(side, `Could not take a snapshot: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper
      variant="outlined"
      sx={{ p: 1.5, flex: 1, minWidth: 280 }}
      component="section"
      aria-label={`${name} snapshot`}
    >
      <Typography variant="overline">{name}</Typography>
      <Typography variant="body2" sx={{ minHeight: '2.8em' }}>
        {side ? (
          <>
            <strong>{side.label}</strong>
            <br />
            taken {when(side.snapshot)}
          </>
        ) : (
          'Not chosen yet'
        )}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }}>
        <Button size="small" onClick={() => onPick(current)} disabled={busy}>
          Use this view
        </Button>
        {canTakeNow && (
          <Button size="small" onClick={() => void takeNow()} disabled={busy}>
            Take one now
          </Button>
        )}
        <Button size="small" onClick={() => void openFile()} disabled={busy}>
          Open file…
        </Button>
      </Stack>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label={`${name} snapshot file`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          void readSnapshotBlob(file).then((r) =>
            r.ok
              ? onPick({ snapshot: r.snapshot, label: `Saved snapshot ${file.name}` })
              : onPick(side, `Could not open ${file.name}: ${r.error}`),
          );
        }}
      />
    </Paper>
  );
}

export function CompareView({ full, api }: { full: Snapshot; api: SockeyeApi }) {
  const { opened } = useOpened();
  const current: Side = { snapshot: full, label: opened ? `Saved snapshot ${opened.name}` : 'This view' };
  const canTakeNow = !opened?.fixed;
  const [from, setFrom] = useState<Side | null>(current);
  const [to, setTo] = useState<Side | null>(null);
  const [error, setError] = useState<string | null>(null);

  // A saved snapshot is most often compared with now: take "now" at once.
  useEffect(() => {
    if (!opened || opened.fixed) return;
    let gone = false;
    api.snapshot({}).then(
      (s) => !gone && setTo({ snapshot: s, label: 'Snapshot taken now' }),
      (err: Error) => !gone && setError(`Could not take a snapshot: ${err.message}`),
    );
    return () => {
      gone = true;
    };
    // Only when the tab opens: later choices are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deliberately once, on mount
  }, []);

  const [includeClosing, setIncludeClosing] = useState(false);
  const result = useMemo(() => {
    if (!from || !to) return null;
    const diff = diffSnapshots(from.snapshot, to.snapshot, { includeClosing });
    return {
      diff,
      h: diffHighlights(diff, from.snapshot, to.snapshot),
      before: new Map(from.snapshot.processes.map((p) => [p.pid, p])),
      after: new Map(to.snapshot.processes.map((p) => [p.pid, p])),
    };
  }, [from, to, includeClosing]);

  const pick = (set: (s: Side | null) => void) => (side: Side | null, err?: string) => {
    setError(err ?? null);
    if (!err) set(side);
  };

  return (
    <Box sx={{ p: 2, height: '100%', overflow: 'auto' }} aria-label="Compare snapshots" role="region">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'stretch', flexWrap: 'wrap', rowGap: 2 }}>
        <SidePicker
          name="Earlier"
          side={from}
          current={current}
          api={api}
          canTakeNow={canTakeNow}
          onPick={pick(setFrom)}
        />
        <Button
          aria-label="Swap earlier and later"
          onClick={() => {
            setFrom(to);
            setTo(from);
          }}
          sx={{ alignSelf: 'center' }}
        >
          <SwapHorizIcon />
        </Button>
        <SidePicker name="Later" side={to} current={current} api={api} canTakeNow={canTakeNow} onPick={pick(setTo)} />
      </Stack>
      <FormControlLabel
        sx={{ mt: 1 }}
        control={<Switch checked={includeClosing} onChange={(e) => setIncludeClosing(e.target.checked)} />}
        label={
          result?.diff.ignored?.closingSockets
            ? `Include closing sockets (TIME_WAIT …): ${result.diff.ignored.closingSockets} left out`
            : 'Include closing sockets (TIME_WAIT …)'
        }
      />
      {error && (
        <Alert severity="error" role="alert" sx={{ mt: 2 }} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {!result ? (
        <Typography sx={{ mt: 3 }} color="text.secondary">
          Choose the later snapshot: take one now, or open a saved file.
        </Typography>
      ) : (
        <Box sx={{ mt: 2 }}>
          {from!.snapshot.host.hostname !== to!.snapshot.host.hostname && (
            <Alert severity="warning" sx={{ mb: 2 }}>
              These snapshots are of different hosts ({from!.snapshot.host.hostname} and {to!.snapshot.host.hostname}).
            </Alert>
          )}
          <Stack
            direction="row"
            spacing={1}
            sx={{ flexWrap: 'wrap', rowGap: 1, mb: 2 }}
            aria-label="Summary of changes"
            role="group"
          >
            <Chip
              label={`${result.h.listenersOpened.length} listeners opened`}
              color={result.h.listenersOpened.length ? 'success' : 'default'}
            />
            <Chip
              label={`${result.h.listenersClosed.length} listeners closed`}
              color={result.h.listenersClosed.length ? 'error' : 'default'}
            />
            <Chip label={`${result.h.connectionsAdded.length} connections added`} />
            <Chip label={`${result.h.connectionsRemoved.length} connections removed`} />
            <Chip label={`${result.h.processesAppeared.length} processes appeared`} />
            <Chip label={`${result.h.processesVanished.length} processes vanished`} />
            <Chip
              label={`${result.h.rolesChanged.length} changed role`}
              color={result.h.rolesChanged.length ? 'warning' : 'default'}
            />
            <Chip
              label={`${result.h.newRemoteHosts.length} new remote hosts`}
              color={result.h.newRemoteHosts.length ? 'warning' : 'default'}
            />
          </Stack>
          <SocketTable title="Listeners opened" sockets={result.h.listenersOpened} procs={result.after} sign="+" />
          <SocketTable title="Listeners closed" sockets={result.h.listenersClosed} procs={result.before} sign="−" />
          <SocketTable title="Connections added" sockets={result.h.connectionsAdded} procs={result.after} sign="+" />
          <SocketTable
            title="Connections removed"
            sockets={result.h.connectionsRemoved}
            procs={result.before}
            sign="−"
          />
          <ProcessTable
            title="Processes that changed role"
            sign="~"
            rows={result.h.rolesChanged.map((c) => ({
              pid: c.pid,
              label: result.after.get(c.pid)?.label ?? c.name,
              detail: `${c.from} → ${c.to}`,
            }))}
          />
          <ProcessTable
            title="Processes appeared"
            sign="+"
            rows={result.h.processesAppeared.map((p) => ({ pid: p.pid, label: p.label, detail: p.role }))}
          />
          <ProcessTable
            title="Processes vanished"
            sign="−"
            rows={result.h.processesVanished.map((p) => ({ pid: p.pid, label: p.label, detail: p.role }))}
          />
          {result.h.newRemoteHosts.length > 0 && (
            <Box component="section" aria-label="Remote hosts seen for the first time" sx={{ mb: 2 }}>
              <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                + Remote hosts seen for the first time ({result.h.newRemoteHosts.length})
              </Typography>
              <Box component="ul" sx={{ fontFamily: 'monospace', m: 0 }}>
                {result.h.newRemoteHosts.slice(0, MAX_ROWS).map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </Box>
            </Box>
          )}
          {isEmptyDiff(result.diff) && (
            <Alert severity="success">No changes: the same sockets and processes in both.</Alert>
          )}
        </Box>
      )}
    </Box>
  );
}
