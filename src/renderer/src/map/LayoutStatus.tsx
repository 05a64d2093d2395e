import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';

/** "Laying out the map…", or why it could not be. */
export function LayoutStatus({ error }: { error: string | null }) {
  if (error) return <Alert severity="error">Could not lay out the map: {error}</Alert>;
  return (
    <Box
      role="status"
      sx={{
        display: 'flex',
        gap: 1,
        alignItems: 'center',
        bgcolor: 'background.paper',
        p: 1,
        borderRadius: 1,
        width: 'fit-content',
      }}
    >
      <CircularProgress size={16} aria-label="Laying out the map" />
      <Typography variant="body2">Laying out the map…</Typography>
    </Box>
  );
}
