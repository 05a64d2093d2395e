/** What a socket's or process's cells can filter to, shared by the grids' "filter to this" menus. */
import { term } from '../../../common/filter';
import type { Process, Socket } from '../../../common/model/model';
import type { FilterOption } from './FilterCellMenu';

export function addressOption(address: string | null): FilterOption[] {
  return address === null ? [] : [{ label: `address ${address}`, term: term('addr', address.replace(/%.*$/, '')) }];
}

export function portOption(port: number | null, field: 'port' | 'lport' | 'rport' = 'port'): FilterOption[] {
  return port === null ? [] : [{ label: `port ${port}`, term: term(field, port) }];
}

export function processOptions(pid: number | null, process: Process | undefined): FilterOption[] {
  if (pid === null) return [];
  const out: FilterOption[] = [
    { label: process ? `process ${process.name} (${pid})` : `pid ${pid}`, term: term('pid', pid) },
  ];
  if (process) out.push({ label: `every process named ${process.name}`, term: term('proc', process.name) });
  return out;
}

/** Options for the socket grids' common columns. */
export function socketCellOptions(s: Socket, field: string, process: Process | undefined): FilterOption[] {
  switch (field) {
    case 'local':
      return [...addressOption(s.localAddress), ...portOption(s.localPort)];
    case 'remote':
      return [...addressOption(s.remoteAddress), ...portOption(s.remotePort)];
    case 'address':
      return addressOption(s.localAddress);
    case 'port':
      return portOption(s.localPort);
    case 'owner':
      return processOptions(s.pid, process);
    case 'protocol':
      return [{ label: s.protocol.toUpperCase(), term: term('proto', s.protocol) }];
    case 'state':
      return s.state ? [{ label: `state ${s.state}`, term: term('state', s.state.toLowerCase()) }] : [];
    case 'service':
      return s.service ? [{ label: `service ${s.service}`, term: term('service', s.service) }] : [];
    case 'localScope':
    case 'scope':
      return [{ label: `local scope ${s.localScope}`, term: term('lscope', s.localScope) }];
    case 'remoteScope':
      return s.remoteScope ? [{ label: `remote scope ${s.remoteScope}`, term: term('rscope', s.remoteScope) }] : [];
    case 'side':
      return s.side ? [{ label: `${s.side} side`, term: term('side', s.side) }] : [];
    default:
      return [];
  }
}
