/**
 * Says plainly when the window shows a saved snapshot rather than this host now, with a way back
 * to live; and shows why a file could not be opened (the view is left as it was).
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import HistoryIcon from '@mui/icons-material/History';
import { openedStore, useOpened } from './openedStore';
import { isMomentName } from '../history/momentName';
import { visibleText } from '../ui/visibleText';

export function SavedSnapshotBanner() {
  const { opened, error } = useOpened();
  return (
    <>
      {error && (
        <Alert severity="error" role="alert" onClose={openedStore.dismissError} sx={{ borderRadius: 0 }}>
          {error}
        </Alert>
      )}
      {opened && (
        <Alert
          severity="info"
          icon={<HistoryIcon />}
          role="status"
          aria-label={isMomentName(opened.name) ? 'Recorded moment' : 'Saved snapshot'}
          sx={{ borderRadius: 0 }}
          action={
            opened.fixed ? undefined : (
              <Button color="inherit" size="small" onClick={openedStore.close}>
                Back to live
              </Button>
            )
          }
        >
          <strong>{isMomentName(opened.name) ? 'The host as it was' : 'Saved snapshot'}</strong> — taken{' '}
          {new Date(opened.snapshot.takenAt).toLocaleString()} on {visibleText(opened.snapshot.host.hostname)} ·{' '}
          {visibleText(opened.name)}
          {opened.fixed ? ' · served from a file; live refresh is off' : ''}
        </Alert>
      )}
      {opened?.warnings.map((w) => (
        <Alert key={w} severity="warning" role="status" aria-label="Snapshot file warning" sx={{ borderRadius: 0 }}>
          {visibleText(w)}
        </Alert>
      ))}
    </>
  );
}
