/** Raw HTTP over a plain TCP socket, for requests no HTTP client would send (`GET // HTTP/1.1`). */
import { connect } from 'node:net';

/** Sends `request` as it is; resolves with the status code of the answer, or null if none came. */
export function rawRequest(port: number, request: string | Buffer, waitMs = 2000): Promise<number | null> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    let got = '';
    const done = (status: number | null) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(status);
    };
    const timer = setTimeout(() => done(null), waitMs);
    sock.on('error', () => done(/^HTTP\/1\.1 (\d{3})/.exec(got) ? Number(RegExp.$1) : null));
    sock.on('close', () => done(/^HTTP\/1\.1 (\d{3})/.exec(got) ? Number(RegExp.$1) : null));
    sock.setEncoding('latin1').on('data', (d: string) => {
      got += d;
      const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
      if (m) done(Number(m[1]));
    });
    sock.write(request);
  });
}

/** A request head with CRLFs, ending in the empty line. */
export function requestHead(method: string, target: string, headers: [string, string][]): string {
  return `${method} ${target} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}
