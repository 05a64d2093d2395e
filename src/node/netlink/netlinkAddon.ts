/**
 * The optional netlink addon (native/sockdiag, N-API): found, loaded once, and asked nothing
 * but raw requests — messages are built and decoded in TypeScript (inetDiag.ts), so other
 * netlink users (SOCK_DESTROY, UNIX_DIAG) can share it. Where it is missing (not Linux, no
 * compiler at install, a failed build) every caller gets the same one-line reason instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NETLINK_SOCK_DIAG = 4;

export interface NetlinkAddon {
  /**
   * Send one complete netlink message; the kernel's replies, concatenated (dump: up to NLMSG_DONE).
   * With `into` large enough, they are copied into it and their length returned instead.
   */
  request(protocol: number, message: Uint8Array): Buffer;
  request(protocol: number, message: Uint8Array, into: Uint8Array): Buffer | number;
  /** A non-blocking socket joined to multicast `groups`; returns its fd. */
  subscribe(protocol: number, groups: number[], rcvbufBytes: number): number;
  /** Everything queued on `fd` now; `lost` counts overflows (the kernel dropped messages). */
  drain(fd: number): { data: Buffer; lost: number };
  close(fd: number): void;
}

export type AddonStatus = { ok: true; addon: NetlinkAddon; path: string } | { ok: false; reason: string };

const BUILT = join('native', 'sockdiag', 'build', 'Release', 'sockdiag.node');

/** Package roots to look in, from where this code runs: src/node/netlink (three up), out/cli[/chunks], out/main[/chunks]. */
function candidateRoots(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, '..', '..', '..', '..'), join(here, '..', '..'), join(here, '..', '..', '..')];
}

let status: AddonStatus | null = null;

/** The addon, or why there is none. `SOCKEYE_NETLINK_ADDON` names another file (or `off`). */
export function loadNetlinkAddon(): AddonStatus {
  if (status) return status;
  status = tryLoad();
  return status;
}

function tryLoad(): AddonStatus {
  const forced = process.env.SOCKEYE_NETLINK_ADDON;
  if (forced === 'off') return { ok: false, reason: 'the netlink addon is turned off (SOCKEYE_NETLINK_ADDON=off)' };
  if (process.platform !== 'linux') {
    return { ok: false, reason: `per-socket byte counters come from Linux sock_diag; this is ${process.platform}` };
  }
  let path: string | undefined = forced;
  let reasonFile: string | undefined;
  if (!path) {
    for (const root of candidateRoots()) {
      const built = join(root, BUILT);
      if (existsSync(built)) {
        path = built;
        break;
      }
      const why = join(root, 'native', 'sockdiag', 'build', 'UNAVAILABLE.txt');
      if (!reasonFile && existsSync(why)) reasonFile = why;
    }
  }
  if (!path) {
    const why = reasonFile ? readFileSync(reasonFile, 'utf8').trim().split('\n')[0] : null;
    return { ok: false, reason: why ?? 'the netlink addon is not built (run `npm ci` or `npm run build:native`)' };
  }
  if (!existsSync(path)) return { ok: false, reason: `the netlink addon is missing: ${path} does not exist` };
  try {
    const addon = createRequire(import.meta.url)(path) as NetlinkAddon;
    return { ok: true, addon, path };
  } catch (err) {
    return { ok: false, reason: `the netlink addon did not load: ${(err as Error).message.split('\n')[0]}` };
  }
}

/** Forget the cached result (tests switch SOCKEYE_NETLINK_ADDON). */
export function resetNetlinkAddon(): void {
  status = null;
}
