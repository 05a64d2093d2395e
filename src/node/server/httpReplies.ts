/** Small HTTP answers of `sockeye serve`: refusals, JSON replies, a refused upgrade, a small JSON body. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

const PLAIN = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };

export function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...PLAIN, 'Cache-Control': 'no-store' });
  res.end(message + '\n');
}

export function answerJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The JSON body of a small request, or null if it is too long, not JSON, or the peer went away. */
export function readSmallJson(req: IncomingMessage, max: number): Promise<unknown> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > max) {
        resolve(null);
        req.destroy();
      }
    });
    req.on('error', () => resolve(null));
    req.on('end', () => {
      try {
        resolve(JSON.parse(body));
      } catch {
        resolve(null);
      }
    });
  });
}
