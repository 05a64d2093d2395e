import Typography from '@mui/material/Typography';
import type { Socket } from '../../../common/model/model';

/**
 * A socket's service: the name where it is likely true, else the port's IANA registration as a
 * muted hint ("omniorb?") — registered for the port, not known to be what runs there.
 */
export function ServiceCell({ socket }: { socket: Socket }) {
  if (socket.service) return <span title={socket.service}>{socket.service}</span>;
  if (!socket.serviceHint) return null;
  return (
    <Typography
      component="span"
      variant="body2"
      color="text.secondary"
      title={`${socket.serviceHint}: the port's IANA registration; what runs there may be something else`}
    >
      {socket.serviceHint}?
    </Typography>
  );
}
