/**
 * This host's interfaces and addresses, from os.networkInterfaces(). Node lists only interfaces
 * that are up and have an address, so `up` is always true here; a collector that can see down
 * interfaces may say otherwise.
 */
import { networkInterfaces } from 'node:os';
import type { NetInterface } from '../../common/model/model';
import { addressScope } from '../../common/derive/addressScope';

const NO_MAC = '00:00:00:00:00:00';

export function listInterfaces(): NetInterface[] {
  const out: NetInterface[] = [];
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    if (!addrs || addrs.length === 0) continue;
    const mac = addrs.find((a) => a.mac && a.mac !== NO_MAC)?.mac ?? null;
    out.push({
      name,
      mac,
      up: true,
      internal: addrs.every((a) => a.internal),
      addresses: addrs.map((a) => ({
        address: a.address,
        family: a.family === 'IPv6' ? 'IPv6' : 'IPv4',
        cidr: a.cidr ?? null,
        scope: addressScope(a.address),
      })),
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
