/**
 * A stable id for this machine, so a fleet tells two hosts of one name apart (`host.id` of the
 * snapshot). The raw machine id is a secret of sorts (machine-id(5): "should not be exposed in
 * untrusted environments"), so it is hashed with a prefix of our own: the same machine always
 * gives the same id, and the id cannot be turned back into its machine-id. Without a machine id
 * (some containers), the host name is hashed instead: stable while the name is.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

const MACHINE_ID_FILES = ['/etc/machine-id', '/var/lib/dbus/machine-id'];

let cached: string | null = null;

function readMachineId(files: readonly string[]): string | null {
  for (const file of files) {
    try {
      const id = readFileSync(file, 'utf8').trim();
      if (/^[0-9a-f]{32}$/i.test(id)) return id.toLowerCase();
    } catch {
      // absent or unreadable: try the next
    }
  }
  return null;
}

/** 16 hex characters: sha256 of `sockeye:machine-id:<id>`, else of `sockeye:hostname:<name>`. */
export function computeHostId(files: readonly string[] = MACHINE_ID_FILES, name: string = hostname()): string {
  const machineId = readMachineId(files);
  const source = machineId !== null ? `sockeye:machine-id:${machineId}` : `sockeye:hostname:${name}`;
  return createHash('sha256').update(source).digest('hex').slice(0, 16);
}

/** This machine's id, computed once per process. */
export function hostId(): string {
  cached ??= computeHostId();
  return cached;
}
