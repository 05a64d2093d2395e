/**
 * Is a port free? Answered by binding it, as the next program would, not guessed from the
 * socket table: TCP on 0.0.0.0 and on :: (IPv6 only, so the two binds test separate tables),
 * both at once, then released. A port held on any one address (127.0.0.1 only, ::1 only, a
 * wildcard) fails one of the two binds.
 */
import { createServer, type Server } from 'node:net';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import type { Protocol } from '../../common/model/model';
import type { CheckPortResult } from '../../common/actions/actionApi';

type BindAnswer = { ok: true; release(): Promise<void> } | { ok: false; why: string };

function reason(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return 'in use';
    case 'EACCES':
    case 'EPERM':
      return 'not permitted';
    case 'EAFNOSUPPORT':
    case 'EADDRNOTAVAIL':
      return 'no IPv6';
    default:
      return err.code ?? err.message;
  }
}

function bindTcp(port: number, host: string): Promise<BindAnswer> {
  return new Promise((resolve) => {
    const server: Server = createServer();
    server.once('error', (err) => resolve({ ok: false, why: reason(err) }));
    server.listen({ port, host, ipv6Only: host === '::', exclusive: true }, () =>
      resolve({ ok: true, release: () => new Promise((r) => server.close(() => r())) }),
    );
  });
}

function bindUdp(port: number, host: string): Promise<BindAnswer> {
  return new Promise((resolve) => {
    const socket: UdpSocket = createSocket({ type: host === '::' ? 'udp6' : 'udp4', ipv6Only: host === '::' });
    socket.once('error', (err) => {
      socket.close();
      resolve({ ok: false, why: reason(err) });
    });
    socket.bind({ port, address: host, exclusive: true }, () =>
      resolve({ ok: true, release: () => new Promise((r) => socket.close(() => r())) }),
    );
  });
}

export async function checkPort(port: number, protocol: Protocol = 'tcp'): Promise<CheckPortResult> {
  const bind = protocol === 'tcp' ? bindTcp : bindUdp;
  const v4 = await bind(port, '0.0.0.0');
  const v6 = await bind(port, '::');
  if (v4.ok) await v4.release();
  if (v6.ok) await v6.release();
  const ipv4 = v4.ok ? 'free' : v4.why;
  const ipv6 = v6.ok ? 'free' : v6.why;
  // A host without IPv6 cannot bind :: at all; then 0.0.0.0 decides alone.
  const free = v4.ok && (v6.ok || ipv6 === 'no IPv6');
  return { port, protocol, free, ipv4, ipv6 };
}

/** The first port of the range both binds accept, or null. */
export async function findFreePort(from: number, to: number, protocol: Protocol = 'tcp'): Promise<number | null> {
  for (let port = from; port <= to; port++) {
    if ((await checkPort(port, protocol)).free) return port;
  }
  return null;
}

/** Resolves true once the port is free (polled by binding), false when `timeoutMs` passes first. */
export async function waitPortFree(
  port: number,
  protocol: Protocol,
  timeoutMs: number,
  pollMs = 200,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await checkPort(port, protocol)).free) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise((r) => setTimeout(r, Math.min(pollMs, left)));
  }
}
