/**
 * Export: format, all or only what the filter shows, and masking. The desktop app saves through
 * the main process's dialog (this page never names a path); the browser downloads.
 */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import type { SockeyeApi } from '../../../common/contract/api';
import { EXPORT_MIME, exportFileName, exportSnapshot, type ExportFormat } from '../../../common/export/exportSnapshot';
import type { Snapshot } from '../../../common/model/model';
import { downloadText } from '../savedSnapshot/download';
import { mergeKnownNames } from '../../../common/snapshot/mergeKnownNames';
import { useDnsResolver } from '../dns/DnsResolverContext';

export interface ExportDialogProps {
  open: boolean;
  onClose(): void;
  /** Told what was saved or downloaded, for a confirmation. */
  onDone(message: string): void;
  api: SockeyeApi;
  full: Snapshot;
  /** What the active filter shows (the same object as `full` when no filter is on). */
  shown: Snapshot;
  filterExpr?: string;
}

const FORMATS: { value: ExportFormat; label: string }[] = [
  { value: 'json', label: 'JSON — the snapshot document, opens again in Sockeye' },
  { value: 'csv', label: 'CSV — one row per socket, for spreadsheets' },
  { value: 'html', label: 'HTML — a readable report, works offline' },
];

/** Everything, or only what the filter shows (`shown` null: no filter is on). */
function ScopeChoice({
  scope,
  onChange,
  full,
  shown,
}: {
  scope: 'all' | 'filtered';
  onChange(scope: 'all' | 'filtered'): void;
  full: Snapshot;
  shown: Snapshot | null;
}) {
  return (
    <FormControl>
      <FormLabel id="export-scope">Contents</FormLabel>
      <RadioGroup
        aria-labelledby="export-scope"
        value={scope}
        onChange={(e) => onChange(e.target.value as 'all' | 'filtered')}
      >
        <FormControlLabel
          value="all"
          control={<Radio />}
          label={`Everything (${full.sockets.length} sockets, ${full.processes.length} processes)`}
        />
        <FormControlLabel
          value="filtered"
          control={<Radio />}
          disabled={!shown}
          label={
            shown
              ? `Only what the filter shows (${shown.sockets.length} sockets, ${shown.processes.length} processes)`
              : 'Only what the filter shows (no filter is on)'
          }
        />
      </RadioGroup>
    </FormControl>
  );
}

/**
 * Writes the export: through the desktop's save dialog, or as a browser download. Says what was
 * saved, or null when the user cancelled the dialog.
 */
async function deliver(
  api: SockeyeApi,
  source: Snapshot,
  o: { format: ExportFormat; mask: boolean; scopeNote: string | undefined; filtered: boolean },
): Promise<string | null> {
  const content = exportSnapshot(source, { format: o.format, mask: o.mask, scopeNote: o.scopeNote });
  const name = exportFileName(source, o.format, o.mask);
  if (api.transport !== 'ipc') {
    downloadText(name, EXPORT_MIME[o.format], content);
    return `Downloaded ${name}`;
  }
  const r = await api.saveExport({
    format: o.format,
    scope: o.filtered ? 'filtered' : 'all',
    masked: o.mask,
    suggestedName: name,
    content,
  });
  return r.saved ? `Saved ${r.name ?? name}` : null;
}

export function ExportDialog({ open, onClose, onDone, api, full, shown, filterExpr }: ExportDialogProps) {
  const [format, setFormat] = useState<ExportFormat>('json');
  const [scope, setScope] = useState<'all' | 'filtered'>('all');
  const [mask, setMask] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const filtered = shown !== full;
  const desktop = api.transport === 'ipc';
  const dns = useDnsResolver();

  async function run() {
    const useFiltered = scope === 'filtered' && filtered;
    const shownOrFull = useFiltered ? shown : full;
    // Names resolved this session (any view, the DNS tab) travel with the export.
    const source = dns ? { ...shownOrFull, dnsNames: mergeKnownNames(shownOrFull, dns.knownNames()) } : shownOrFull;
    const scopeNote = useFiltered ? `only what the filter${filterExpr ? ` “${filterExpr}”` : ''} shows` : undefined;
    setBusy(true);
    setError(null);
    try {
      const done = await deliver(api, source, { format, mask, scopeNote, filtered: useFiltered });
      if (done === null) return; // the user cancelled the save dialog: keep this one open
      onDone(done);
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message.replace(/ \([A-Z_]+\)$/, '') : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="export-title" fullWidth maxWidth="sm">
      <DialogTitle id="export-title">Export snapshot</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <FormControl>
            <FormLabel id="export-format">Format</FormLabel>
            <RadioGroup
              aria-labelledby="export-format"
              value={format}
              onChange={(e) => setFormat(e.target.value as ExportFormat)}
            >
              {FORMATS.map((f) => (
                <FormControlLabel key={f.value} value={f.value} control={<Radio />} label={f.label} />
              ))}
            </RadioGroup>
          </FormControl>
          <ScopeChoice
            scope={filtered ? scope : 'all'}
            onChange={setScope}
            full={full}
            shown={filtered ? shown : null}
          />
          <FormControlLabel
            control={<Checkbox checked={mask} onChange={(e) => setMask(e.target.checked)} />}
            label="Mask public IPs, host names, user names, command lines and paths"
          />
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void run()} disabled={busy}>
          {desktop ? 'Save…' : 'Download'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
