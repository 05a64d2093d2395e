/**
 * Container names from the runtime's API socket: Docker's /var/run/docker.sock and Podman's
 * (rootful /run/podman/podman.sock, rootless $XDG_RUNTIME_DIR/podman/podman.sock; Podman serves
 * Docker's `GET /containers/json` too). Asked only when some process runs in a container, with a
 * short timeout, the answer kept a few seconds. No socket, no permission, no answer in time: the
 * container keeps its id, and nothing is reported — most machines have no runtime, and a live
 * refresh must not print the same complaint every second.
 */
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import type { RawProcess } from '../../common/model/collected';
import type { Container, ContainerRuntime, Namespace } from '../../common/model/model';

/** How long one runtime may take to answer. */
const TIMEOUT_MS = 300;
/** How long an answer (or its absence) is kept: names change rarely, a tick comes every second. */
const KEEP_MS = 5000;
/** Answers past this size are not a container list we want. */
const MAX_BYTES = 4 * 1024 * 1024;

export interface RuntimeSocket {
  runtime: ContainerRuntime;
  path: string;
}

/** The API sockets looked for, in order. */
export function defaultRuntimeSockets(): RuntimeSocket[] {
  const out: RuntimeSocket[] = [
    { runtime: 'docker', path: process.env.SOCKEYE_DOCKER_SOCKET ?? '/var/run/docker.sock' },
    { runtime: 'podman', path: process.env.SOCKEYE_PODMAN_SOCKET ?? '/run/podman/podman.sock' },
  ];
  if (process.env.XDG_RUNTIME_DIR)
    out.push({ runtime: 'podman', path: `${process.env.XDG_RUNTIME_DIR}/podman/podman.sock` });
  return out;
}

/** GET /containers/json over a unix socket: id → name (without Docker's leading `/`); null on any failure. */
export function listContainerNames(socketPath: string, timeoutMs = TIMEOUT_MS): Promise<Map<string, string> | null> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/containers/json', method: 'GET', timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BYTES) req.destroy();
        else chunks.push(c);
      });
      res.on('end', () =>
        resolve(res.statusCode === 200 ? parseContainerList(Buffer.concat(chunks).toString('utf8')) : null),
      );
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}

/** Docker's (and Podman's compat) container list: `[{ "Id": "…", "Names": ["/web"] }]`. */
export function parseContainerList(text: string): Map<string, string> | null {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(list)) return null;
  const names = new Map<string, string>();
  for (const c of list as { Id?: unknown; Names?: unknown }[]) {
    if (typeof c?.Id !== 'string' || !Array.isArray(c.Names) || typeof c.Names[0] !== 'string') continue;
    names.set(c.Id, (c.Names[0] as string).replace(/^\//, ''));
  }
  return names;
}

const kept = new Map<string, { at: number; names: Map<string, string> | null }>();

async function namesFrom(socket: RuntimeSocket): Promise<Map<string, string> | null> {
  const prev = kept.get(socket.path);
  if (prev && performance.now() - prev.at < KEEP_MS) return prev.names;
  const names = existsSync(socket.path) ? await listContainerNames(socket.path) : null;
  kept.set(socket.path, { at: performance.now(), names });
  return names;
}

/** Fills in `name` of every container (processes' and namespaces') that a reachable runtime names. */
export async function nameContainers(
  processes: readonly RawProcess[],
  namespaces: readonly Namespace[],
  sockets: readonly RuntimeSocket[] = defaultRuntimeSockets(),
): Promise<void> {
  const containers: Container[] = [];
  for (const p of processes) if (p.container && p.container.name === null) containers.push(p.container);
  for (const n of namespaces) if (n.container && n.container.name === null) containers.push(n.container);
  if (containers.length === 0) return;
  const runtimes = new Set(containers.map((c) => c.runtime));
  const answers = await Promise.all(
    sockets.map((s) => (runtimes.has(s.runtime) || runtimes.has('kubepods') ? namesFrom(s) : null)),
  );
  for (const c of containers) {
    for (const names of answers) {
      const name = names?.get(c.id);
      if (name !== undefined) {
        c.name = name;
        break;
      }
    }
  }
}
