/**
 * The header's Open… and Export… buttons. Open uses the main process's dialog in the desktop app
 * and a file picker in the browser; Export opens the export dialog (also from File › Export…).
 */
import { useEffect, useRef, useState } from 'react';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import type { SockeyeApi } from '../../../common/contract/api';
import type { Snapshot } from '../../../common/model/model';
import { openedStore, useOpened } from './openedStore';
import { ExportDialog } from '../export/ExportDialog';

export interface SnapshotFileActionsProps {
  api: SockeyeApi;
  /** The whole snapshot the window shows (live or opened). */
  full: Snapshot | null;
  /** What the active filter shows of it. */
  shown: Snapshot | null;
  filterExpr?: string;
}

export function SnapshotFileActions({ api, full, shown, filterExpr }: SnapshotFileActionsProps) {
  const { busy, exportRequests } = useOpened();
  const [exporting, setExporting] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const firstRequest = useRef(exportRequests);

  useEffect(() => {
    if (exportRequests !== firstRequest.current) setExporting(true);
  }, [exportRequests]);

  const open = () => {
    if (api.transport === 'ipc') void openedStore.openWithDialog(api);
    else input.current?.click();
  };

  return (
    <>
      <Button size="small" color="inherit" startIcon={<FolderOpenIcon />} onClick={open} disabled={busy}>
        Open…
      </Button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Snapshot file to open"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void openedStore.openFile(file);
        }}
      />
      <Button
        size="small"
        color="inherit"
        startIcon={<FileDownloadIcon />}
        onClick={() => setExporting(true)}
        disabled={!full}
      >
        Export…
      </Button>
      {full && (
        <ExportDialog
          open={exporting}
          onClose={() => setExporting(false)}
          onDone={setDone}
          api={api}
          full={full}
          shown={shown ?? full}
          filterExpr={filterExpr}
        />
      )}
      <Snackbar open={done !== null} autoHideDuration={5000} onClose={() => setDone(null)} message={done} />
    </>
  );
}
