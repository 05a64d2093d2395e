/**
 * Which container a process runs in, from its cgroup path (/proc/<pid>/cgroup). Every runtime
 * puts a container's processes in a cgroup named for it, and the path is readable for any
 * visible process without privilege — unlike the runtime's API socket. Recognised forms (cgroup
 * v2 `0::PATH` lines, or v1 lines of any controller):
 *   Docker         /system.slice/docker-<64 hex>.scope          (systemd driver)
 *                  /docker/<64 hex>                               (cgroupfs driver)
 *   Podman         /machine.slice/libpod-<64 hex>.scope[/container], rootless under user@UID.service
 *   containerd/CRI /kubepods.slice/…/cri-containerd-<64 hex>.scope
 *   CRI-O          /kubepods.slice/…/crio-<64 hex>.scope
 *   Kubernetes     /kubepods/<qos>/pod<uid>/<64 hex>             (cgroupfs driver: runtime unknown)
 *   systemd-nspawn /machine.slice/machine-<name>.scope[/payload]  (name with systemd's \x2d escapes)
 *   LXC            /lxc.payload.<name>/…
 * A runtime's own helpers (`libpod-conmon-…`, `docker.service`) are not in the container.
 */
import type { Container, ContainerRuntime } from '../model/model';

const HEX_ID = '([0-9a-f]{64})';
const PATTERNS: readonly [RegExp, ContainerRuntime][] = [
  [new RegExp(`(?:^|/)docker-${HEX_ID}\\.scope(?:/|$)`), 'docker'],
  [new RegExp(`(?:^|/)docker/${HEX_ID}(?:/|$)`), 'docker'],
  [new RegExp(`(?:^|/)libpod-${HEX_ID}\\.scope(?:/|$)`), 'podman'],
  [new RegExp(`(?:^|/)cri-containerd-${HEX_ID}\\.scope(?:/|$)`), 'containerd'],
  [new RegExp(`(?:^|/)crio-${HEX_ID}\\.scope(?:/|$)`), 'crio'],
  [new RegExp(`(?:^|/)kubepods/(?:[a-z]+/)?pod[0-9a-f_-]+/${HEX_ID}(?:/|$)`), 'kubepods'],
];
const NSPAWN = /(?:^|\/)machine-([^/]+)\.scope(?:\/|$)/;
const LXC = /(?:^|\/)lxc\.payload\.([^/]+)(?:\/|$)/;

/** systemd's unit-name escaping (`\x2d` for `-`, and so on) undone. */
function unescapeUnit(text: string): string {
  return text.replace(/\\x([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The container one cgroup path names, or null. */
export function containerFromCgroupPath(path: string): Container | null {
  for (const [re, runtime] of PATTERNS) {
    const m = re.exec(path);
    if (m) return { id: m[1]!, runtime, name: null };
  }
  const nspawn = NSPAWN.exec(path);
  if (nspawn) {
    const name = unescapeUnit(nspawn[1]!);
    return { id: name, runtime: 'nspawn', name };
  }
  const lxc = LXC.exec(path);
  if (lxc) return { id: lxc[1]!, runtime: 'lxc', name: lxc[1]! };
  return null;
}

/** The container a /proc/<pid>/cgroup text names (the v2 line first, then any v1 line), or null. */
export function containerFromCgroup(text: string | null): Container | null {
  if (!text) return null;
  const lines = text.split('\n').filter((l) => l.length > 0);
  // The v2 line ("0::PATH") is the one systemd and runtimes of today write; v1 lines follow.
  lines.sort((a, b) => Number(!a.startsWith('0::')) - Number(!b.startsWith('0::')));
  for (const line of lines) {
    const second = line.indexOf(':', line.indexOf(':') + 1);
    if (second < 0) continue;
    const found = containerFromCgroupPath(line.slice(second + 1).trim());
    if (found) return found;
  }
  return null;
}

/** The short form people know a container id by (Docker's 12 characters); names are kept whole. */
export function shortContainerId(c: Pick<Container, 'id' | 'runtime'>): string {
  return /^[0-9a-f]{64}$/.test(c.id) ? c.id.slice(0, 12) : c.id;
}

/** How the UI and the CLI name a container: its name, else `runtime id12`. */
export function containerText(c: Container): string {
  return c.name ?? `${c.runtime} ${shortContainerId(c)}`;
}
