/**
 * "Find port": type a port and hear, plainly, whether it is free — checked by binding on the
 * serving machine (0.0.0.0 and ::), not guessed from the table — or who holds it, with a stop
 * button beside each holder.
 */
import { useEffect, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { SockeyeApi } from '../../../common/contract/api';
import type { CheckPortResult } from '../../../common/actions/actionApi';
import type { Snapshot } from '../../../common/model/model';
import { parsePortText, portReport, type PortReport } from '../../../common/actions/portQuery';
import { endpointText } from '../../../common/text/endpointText';
import { StopButton } from './ActionButtons';

export function FindPortBox({ api, snapshot, saved }: { api: SockeyeApi; snapshot: Snapshot; saved: boolean }) {
  const [text, setText] = useState('');
  const [bind, setBind] = useState<{ key: string; result: CheckPortResult | null; error: string | null } | null>(null);
  const target = parsePortText(text);
  const key = target ? `${target.port}/${target.protocol}` : '';
  const report = useMemo(
    () => (target ? portReport(snapshot, target.port, target.protocol) : null),
    // Keyed by the port's text: a new object each render would redo it for nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [snapshot, key],
  );
  const held = report?.held ?? false;
  useEffect(() => {
    if (!target || held || saved) return;
    let alive = true;
    api.checkPort({ port: target.port, protocol: target.protocol }).then(
      (result) => alive && setBind({ key, result, error: null }),
      (err: unknown) =>
        alive && setBind({ key, result: null, error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, held, saved]);
  const checked = bind?.key === key ? bind : null;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, px: 1, py: 0.5, flexWrap: 'wrap' }}>
      <TextField
        size="small"
        label="Find port"
        placeholder="3000 or 53/udp"
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={text !== '' && !target}
        helperText={text !== '' && !target ? 'a port is 1–65535, optionally /udp' : undefined}
        slotProps={{ htmlInput: { 'aria-label': 'Find port', inputMode: 'numeric' } }}
        sx={{ width: 170 }}
      />
      <Box
        role="status"
        aria-label="Port answer"
        sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}
      >
        {target && report?.held && <HeldAnswer report={report} />}
        {target && report && !report.held && <FreeAnswer portKey={key} saved={saved} checked={checked} />}
      </Box>
    </Box>
  );
}

/** Who holds the port: each socket with its reach and holders, and a Stop button for a listener's. */
function HeldAnswer({ report }: { report: PortReport }) {
  return (
    <>
      <Chip size="small" color="warning" label="in use" />
      {report.sockets.map((s, i) => (
        <Typography key={i} variant="body2" component="span" sx={{ display: 'inline-flex', alignItems: 'center' }}>
          {endpointText(s.localAddress, report.port)} {s.state ?? ''}
          {s.exposure ? ` (${s.exposure})` : ''} —{' '}
          {s.holders.map((h) => (h.pid === null ? 'owner hidden' : `${h.label} (pid ${h.pid})`)).join(', ')}
          {s.listening &&
            s.holders.map((h) => <StopButton key={h.pid} pid={h.pid} label={h.label ?? `pid ${h.pid}`} />)}
        </Typography>
      ))}
    </>
  );
}

type BindCheck = { result: CheckPortResult | null; error: string | null } | null;

/** Nothing in the table holds it: "free" when it also binds (live), or what the saved snapshot shows. */
function FreeAnswer({ portKey, saved, checked }: { portKey: string; saved: boolean; checked: BindCheck }) {
  if (saved)
    return (
      <Typography variant="body2">
        <Chip size="small" color="success" label="free" /> nothing held {portKey} in this saved snapshot
      </Typography>
    );
  if (checked === null) return <Typography variant="body2">checking…</Typography>;
  if (checked.error)
    return (
      <Typography variant="body2">
        nothing holds {portKey}; could not check by binding: {checked.error}
      </Typography>
    );
  return checked.result?.free ? (
    <Typography variant="body2">
      <Chip size="small" color="success" label="free" /> {portKey} is free: nothing holds it and it binds on 0.0.0.0 and
      ::
    </Typography>
  ) : (
    <Typography variant="body2">
      <Chip size="small" color="warning" label="not free" /> no socket listed, but binding says 0.0.0.0:{' '}
      {checked.result?.ipv4}, ::: {checked.result?.ipv6}
    </Typography>
  );
}
