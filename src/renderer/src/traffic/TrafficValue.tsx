/**
 * A byte count or rate in human units — or, where it is unknown (UDP, a platform without
 * counters, an old file), the word "unknown" with a tooltip saying why. Never a 0 for unknown.
 */
import Tooltip from '@mui/material/Tooltip';
import Box from '@mui/material/Box';
import type { Traffic } from '../../../common/model/model';
import { formatBytes, formatRate, unknownTrafficReason } from '../../../common/traffic/trafficFormat';

export function TrafficValue({
  value,
  kind,
  protocol = 'tcp',
  traffic,
}: {
  value: number | null | undefined;
  kind: 'rate' | 'bytes';
  protocol?: 'tcp' | 'udp';
  traffic: Traffic | null | undefined;
}) {
  if (value === null || value === undefined) {
    // A rate is also unknown with counters but only one sample so far.
    const why =
      kind === 'rate' && traffic?.available && protocol === 'tcp' && traffic.intervalMs === null
        ? 'rates need two samples: turn on live refresh, or wait for the next one'
        : unknownTrafficReason(protocol, traffic);
    return (
      <Tooltip title={why}>
        <Box component="span" sx={{ color: 'text.secondary', fontStyle: 'italic' }} aria-label={`unknown: ${why}`}>
          unknown
        </Box>
      </Tooltip>
    );
  }
  return <span>{kind === 'rate' ? formatRate(value) : formatBytes(value)}</span>;
}
