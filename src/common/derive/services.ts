/**
 * Service names for ports, as the IANA registry names them. The table comes from the system's
 * /etc/services where there is one (core/serviceTable.ts), over a bundled copy (ianaServices.ts).
 */
import type { Protocol } from '../model/model';

/** `${protocol}/${port}` → service name, e.g. 'tcp/443' → 'https'. */
export type ServiceTable = ReadonlyMap<string, string>;

/** The service name for a port, or null when the registry has none. */
export function serviceName(table: ServiceTable, protocol: Protocol, port: number): string | null {
  return table.get(`${protocol}/${port}`) ?? null;
}

/** Parse /etc/services text ("name port/proto [aliases] [# comment]"); malformed lines are skipped. */
export function parseEtcServices(text: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (!line) continue;
    const [name, portProto] = line.split(/\s+/);
    const m = portProto ? /^(\d{1,5})\/(tcp|udp)$/.exec(portProto) : null;
    if (!name || !m || Number(m[1]) > 65535) continue;
    const key = `${m[2]}/${Number(m[1])}`;
    // The first name listed for a port is its registered name; later lines are aliases.
    if (!table.has(key)) table.set(key, name);
  }
  return table;
}
