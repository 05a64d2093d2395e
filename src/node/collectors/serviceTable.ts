/**
 * The service table in use: the system's /etc/services over the bundled IANA copy, read once.
 */
import { readFileSync } from 'node:fs';
import { BUNDLED_SERVICES } from '../../common/derive/ianaServices';
import { parseEtcServices, type ServiceTable } from '../../common/derive/services';

let table: ServiceTable | null = null;

export function loadServiceTable(path = '/etc/services'): ServiceTable {
  if (table) return table;
  const merged = parseEtcServices(BUNDLED_SERVICES);
  try {
    for (const [k, v] of parseEtcServices(readFileSync(path, 'utf8'))) merged.set(k, v);
  } catch {
    // No /etc/services (Windows, slim containers): the bundled copy serves alone.
  }
  table = merged;
  return table;
}
