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
import { ParallelTableReader, type TableRead } from './parallelTableReader';

const TABLES: ReadonlyArray<[string, Protocol, Family]> = [
  ['tcp', 'tcp', 'IPv4'],
  ['tcp6', 'tcp', 'IPv6'],
  ['udp', 'udp', 'IPv4'],
  ['udp6', 'udp', 'IPv6'],
];

export interface ProcfsOptions {
  procRoot?: string;
  /** Read /proc/net on a helper thread while this one scans fd links (default on). */
  parallelTables?: boolean;
}

export class ProcfsCollector {
  private readonly owners = new SocketOwnerCache();
  private readonly procRoot: string;
  private readonly reader: ParallelTableReader | null;

  constructor(options: ProcfsOptions = {}) {
    this.procRoot = options.procRoot ?? '/proc';
    this.reader = options.parallelTables === false ? null : new ParallelTableReader();
  }

  private readTablesHere(): TableRead[] {
    return TABLES.map(([file]) => {
      const path = `${this.procRoot}/net/${file}`;
      try {
        return { path, text: readProcText(path), error: null, code: null };
      } catch (err) {
        return { path, text: null, error: (err as Error).message, code: (err as NodeJS.ErrnoException).code ?? null };
      }
    });
  }

  async collect(): Promise<Collected> {
    const tablesRead = this.reader?.read(TABLES.map(([file]) => `${this.procRoot}/net/${file}`));
    const firstScan = this.owners.begin(this.procRoot);
    let reads = tablesRead ? await tablesRead : [];
    if (reads.length !== TABLES.length) reads = this.readTablesHere(); // helper thread unavailable

    const warnings: string[] = [];
    const entries: ProcNetEntry[] = [];
    for (let t = 0; t < TABLES.length; t++) {
      const [file, protocol, family] = TABLES[t]!;
      const { text, error, code } = reads[t]!;
      if (text === null) {
        // No IPv6 in this kernel is normal; anything else is worth saying.
        if (code !== 'ENOENT') warnings.push(`could not read ${this.procRoot}/net/${file}: ${error}`);
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
    const { owners } = this.owners.finish(wanted, firstScan, this.procRoot);

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
