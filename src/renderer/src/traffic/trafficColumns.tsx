/**
 * Traffic columns for the grids: rate and total both ways, sortable (unknown sorts below 0),
 * rendered in human units or as "unknown" with the reason (TrafficValue). The snapshot's
 * traffic status reaches the cells through a context, so rows need not be rebuilt for it.
 */
import { createContext, useContext } from 'react';
import type { GridColDef, GridValidRowModel } from '@mui/x-data-grid';
import type { Traffic } from '../../../common/model/model';
import { TrafficValue } from './TrafficValue';

export const TrafficStatus = createContext<Traffic | null | undefined>(undefined);

/** A traffic cell: the value, or "unknown" with the reason from the snapshot's traffic status. */
export function TrafficCell({
  value,
  kind,
  protocol,
}: {
  value: number | null | undefined;
  kind: 'rate' | 'bytes';
  protocol: 'tcp' | 'udp';
}) {
  const traffic = useContext(TrafficStatus);
  return <TrafficValue value={value} kind={kind} protocol={protocol} traffic={traffic} />;
}

export interface TrafficFields {
  sendRate?: number | null;
  receiveRate?: number | null;
  bytesSent?: number | null;
  bytesReceived?: number | null;
  protocol: 'tcp' | 'udp';
}

/** Columns reading a row's traffic through `pick`: [Send/s, Recv/s, Sent, Received]. */
export function trafficColumns<R extends GridValidRowModel>(
  pick: (row: R) => TrafficFields,
): [GridColDef<R>, GridColDef<R>, GridColDef<R>, GridColDef<R>] {
  const col = (
    field: keyof Omit<TrafficFields, 'protocol'>,
    headerName: string,
    kind: 'rate' | 'bytes',
  ): GridColDef<R> => ({
    field: `traffic.${field}`,
    headerName,
    type: 'number',
    width: 100,
    // Unknown sorts as -1: below every real count, never mixed with 0.
    valueGetter: (_v, r) => pick(r)[field] ?? -1,
    renderCell: (p) => <TrafficCell value={pick(p.row)[field]} kind={kind} protocol={pick(p.row).protocol} />,
  });
  return [
    col('sendRate', 'Send/s', 'rate'),
    col('receiveRate', 'Recv/s', 'rate'),
    col('bytesSent', 'Sent', 'bytes'),
    col('bytesReceived', 'Received', 'bytes'),
  ];
}
