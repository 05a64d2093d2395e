/**
 * Collected rows for tests of what namespaces change in derivation (pairing, DNAT, the Map's
 * boxes): a socket and a process with the fields they do not care about filled in.
 */
import type { RawProcess, RawSocket } from '../../src/common/model/collected';
import { parseEtcServices } from '../../src/common/derive/services';
import { BUNDLED_SERVICES } from '../../src/common/derive/ianaServices';

/** The host's namespace inode on a typical machine (what /proc/self/ns/net reads). */
export const HOST_NETNS = 4026531840;

export const bundledServices = parseEtcServices(BUNDLED_SERVICES);

/** An established TCP/IPv4 socket of no process unless `p` says otherwise. */
export const rawSocket = (p: Partial<RawSocket> & Pick<RawSocket, 'localAddress' | 'localPort'>): RawSocket => ({
  protocol: 'tcp',
  family: 'IPv4',
  remoteAddress: null,
  remotePort: null,
  state: 'ESTABLISHED',
  pid: null,
  uid: 0,
  ...p,
});

/** A root process named `p<pid>` in namespace `netns`, with `extra` on top. */
export const rawProcess = (pid: number, netns: number, extra: Partial<RawProcess> = {}): RawProcess => ({
  pid,
  ppid: 1,
  name: `p${pid}`,
  path: null,
  cmdline: null,
  cwd: null,
  user: 'root',
  startedAt: null,
  netns,
  ...extra,
});
