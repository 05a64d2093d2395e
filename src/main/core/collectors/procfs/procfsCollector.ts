/**
 * The Linux collector: sockets from /proc/net/{tcp,tcp6,udp,udp6}, owners from /proc/<pid>/fd,
 * process facts from /proc/<pid>/*. One instance keeps what a live refresh can reuse (see
 * socketOwners.ts), so keep it alive between snapshots.
 */
import { hostname } from 'node:os';
import type { Collected, RawProcess, RawSocket } from '../../../../shared/collected';
import type { Family, Protocol } from '../../../../shared/model';
import { listInterfaces } from '../../interfaces';
import { parseProcNet, type ProcNetEntry } from './procNetParse';
import { readProcessInfo } from './processInfo';
import { readProcText } from './readProcFile';
import { SocketOwnerCache } from './socketOwners';

const TABLES: ReadonlyArray<[string, Protocol, Family]> = [
  ['tcp', 'tcp', 'IPv4'],
  ['tcp6', 'tcp', 'IPv6'],
  ['udp', 'udp', 'IPv4'],
  ['udp6', 'udp', 'IPv6'],
];

export class ProcfsCollector {
  private readonly owners = new SocketOwnerCache();

  constructor(private readonly procRoot = '/proc') {}

  collect(): Collected {
    const warnings: string[] = [];
    const entries: ProcNetEntry[] = [];
    for (const [file, protocol, family] of TABLES) {
      let text: string;
      try {
        text = readProcText(`${this.procRoot}/net/${file}`);
      } catch (err) {
        // No IPv6 in this kernel is normal; anything else is worth saying.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
          warnings.push(`could not read ${this.procRoot}/net/${file}: ${(err as Error).message}`);
        }
        continue;
      }
      const parsed = parseProcNet(text, protocol, family);
      for (const e of parsed.entries) entries.push(e);
      if (parsed.malformed > 0) {
        warnings.push(`skipped ${parsed.malformed} malformed line(s) in ${this.procRoot}/net/${file}, first: "${parsed.firstMalformed}"`);
      }
    }

    const wanted = new Set<number>();
    for (const e of entries) if (e.inode !== 0) wanted.add(e.inode);
    const { owners } = this.owners.scan(wanted, this.procRoot);

    let unmappedSockets = 0;
    const pids = new Set<number>();
    const sockets: RawSocket[] = new Array(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const pid = e.inode === 0 ? null : (owners.get(e.inode) ?? null);
      if (pid === null && e.inode !== 0) unmappedSockets++;
      if (pid !== null) pids.add(pid);
      sockets[i] = {
        protocol: e.protocol,
        family: e.family,
        localAddress: e.localAddress,
        localPort: e.localPort,
        remoteAddress: e.remoteAddress,
        remotePort: e.remotePort,
        state: e.state,
        pid,
        uid: e.uid,
      };
    }

    const processes: RawProcess[] = [];
    for (const pid of pids) {
      const info = readProcessInfo(pid, this.procRoot);
      // Exited between the fd scan and now: keep its sockets, say we could not name it.
      processes.push(
        info ?? { pid, ppid: null, name: `pid ${pid} (exited)`, path: null, cmdline: null, cwd: null, user: null, startedAt: null },
      );
    }

    return {
      collector: 'procfs',
      hostname: hostname(),
      platform: process.platform,
      privileged: typeof process.getuid === 'function' && process.getuid() === 0,
      sockets,
      processes,
      interfaces: listInterfaces(),
      unmappedSockets,
      warnings,
    };
  }
}

/** Whether this system has the tables the procfs collector reads. */
export function procfsAvailable(procRoot = '/proc'): boolean {
  try {
    readProcText(`${procRoot}/net/tcp`);
    return true;
  } catch {
    return false;
  }
}
