/**
 * The hosts file (/etc/hosts, or Windows' drivers\etc\hosts), so a name the system resolver gives
 * can be told as coming from it. Re-read when it changes, checked at most once a second.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalAddress } from '../../common/dns/dnsAddress';

export function defaultHostsPath(): string {
  return process.platform === 'win32'
    ? join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'drivers', 'etc', 'hosts')
    : '/etc/hosts';
}

export interface HostsTable {
  /** Names by canonical address, in file order. */
  byAddress: Map<string, string[]>;
  /** Canonical addresses by lower-case name. */
  byName: Map<string, string[]>;
}

/** Parses hosts-file text; malformed lines are skipped. */
export function parseHosts(text: string): HostsTable {
  const byAddress = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  for (const line of text.split(/\r?\n/)) {
    const fields = line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (fields.length < 2) continue;
    const addr = canonicalAddress(fields[0]!);
    if (addr === null) continue;
    for (const name of fields.slice(1)) {
      const names: string[] = byAddress.get(addr) ?? [];
      if (!names.includes(name)) names.push(name);
      byAddress.set(addr, names);
      const lower: string = name.toLowerCase();
      const addrs: string[] = byName.get(lower) ?? [];
      if (!addrs.includes(addr)) addrs.push(addr);
      byName.set(lower, addrs);
    }
  }
  return { byAddress, byName };
}

export class HostsFile {
  private table: HostsTable = { byAddress: new Map(), byName: new Map() };
  private stamp = '';
  private checkedAt = 0;
  private pending: Promise<void> | null = null;

  constructor(readonly path: string = defaultHostsPath()) {}

  async get(): Promise<HostsTable> {
    if (Date.now() - this.checkedAt > 1000) {
      this.pending ??= this.reload().finally(() => {
        this.pending = null;
      });
      await this.pending;
    } else if (this.pending) await this.pending; // a reload is under way: wait for its table
    return this.table;
  }

  private async reload(): Promise<void> {
    this.checkedAt = Date.now();
    try {
      const st = await stat(this.path);
      const stamp = `${st.mtimeMs}:${st.size}`;
      if (stamp === this.stamp) return;
      this.table = parseHosts(await readFile(this.path, 'utf8'));
      this.stamp = stamp;
    } catch {
      // No hosts file (or not readable): nothing comes from it.
      this.table = { byAddress: new Map(), byName: new Map() };
      this.stamp = '';
    }
  }
}
