/**
 * Sends one connection's messages as pieced messages (src/common/wire/pieces.ts), a few hundred KB per
 * event-loop turn. Written in one go, a 20,000-socket snapshot (~5.5 MB) held the serving
 * thread for 12–29 ms while the socket took it (measured with the bench's service probe), every
 * live tick and every tab; a turn of this sender stays around a millisecond or two. Everything
 * for the connection goes through one queue, so a message never lands between another's pieces.
 *
 * What a connection may hold is bounded in bytes, not in calls: a client that stops reading and
 * keeps asking for snapshots grew serve from 91 MB to 1.5 GB in 3.4 s. Parts are handed to the
 * socket only while its own buffer (`bufferedAmount`) is small; what waits here plus what waits
 * there is the connection's backlog, and a backlog over the limit closes the connection.
 */
import type { WebSocket } from 'ws';
import { wireMessages, type PiecedText } from '../../common/wire/pieces';

/** About this much leaves per turn (one snapshot piece is up to 768 KB of UTF-8). */
const BYTES_PER_TURN = 256 * 1024;
/** Parts wait here while the socket already holds this much it could not write yet. */
const SOCKET_HIGH_WATER = 1024 * 1024;
/** A connection's backlog may reach this much, or twice its largest message, whichever is more. */
export const MAX_BACKLOG_BYTES = 32 * 1024 * 1024;
/** WebSocket close code 1008 (policy violation): the client broke the rule of reading what it asked for. */
export const CLOSE_NOT_READING = 1008;

/** A string part counts one byte per character: exact for the ASCII that JSON mostly is. */
const partBytes = (p: string | Uint8Array) => (typeof p === 'string' ? p.length : p.byteLength);

export interface WireSenderOptions {
  maxBacklogBytes?: number;
  /** Told once, with the close reason, when the backlog limit closes the connection. */
  onOverflow?: (reason: string) => void;
}

export class WireSender {
  private readonly queue: (string | Uint8Array)[] = [];
  private head = 0;
  private queuedBytes = 0;
  private largest = 0;
  private pumping = false;
  private overflowed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: WireSenderOptions = {},
  ) {}

  send(message: PiecedText): void {
    if (this.overflowed || this.ws.readyState !== this.ws.OPEN) return;
    const parts = wireMessages(message);
    let size = 0;
    for (const part of parts) size += partBytes(part);
    this.largest = Math.max(this.largest, size);
    const limit = Math.max(this.options.maxBacklogBytes ?? MAX_BACKLOG_BYTES, 2 * this.largest);
    if (this.backlog > 0 && this.backlog + size > limit) return this.overflow(size, limit);
    for (const part of parts) this.queue.push(part);
    this.queuedBytes += size;
    if (!this.pumping) this.pump();
  }

  /** Frames not yet handed to the socket (for tests and the bench). */
  get pending(): number {
    return this.queue.length - this.head;
  }

  /** Bytes queued here and in the socket's own buffer, not yet written to the network. */
  get backlog(): number {
    return this.queuedBytes + (this.ws.bufferedAmount ?? 0);
  }

  private overflow(size: number, limit: number): void {
    this.overflowed = true;
    const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
    // The close reason must fit a control frame (123 bytes).
    const reason = `client not reading: ${mb(this.backlog + size)} queued, limit ${mb(limit)}`;
    this.drop();
    this.options.onOverflow?.(reason);
    this.ws.close(CLOSE_NOT_READING, reason);
    // A client that does not read will not answer the closing handshake either.
    setTimeout(() => this.ws.terminate(), 2000).unref();
  }

  private drop(): void {
    this.queue.length = this.head = this.queuedBytes = 0;
  }

  private pump(): void {
    this.pumping = false;
    let sent = 0;
    while (this.head < this.queue.length && sent < BYTES_PER_TURN) {
      if (this.ws.readyState !== this.ws.OPEN) return this.drop(); // gone: nothing more to send
      if ((this.ws.bufferedAmount ?? 0) > SOCKET_HIGH_WATER) break; // the peer is slow: wait for it
      const part = this.queue[this.head]!;
      this.queue[this.head++] = ''; // let the part go once the socket has it
      // Byte pieces are UTF-8 from the snapshot worker: a text frame as they are.
      this.ws.send(part, { binary: false });
      sent += partBytes(part);
      this.queuedBytes -= partBytes(part);
    }
    if (this.head === this.queue.length) return this.drop();
    this.pumping = true;
    // Waiting on a full socket: look again shortly, not every turn.
    if (sent === 0) setTimeout(() => this.pump(), 5);
    else setImmediate(() => this.pump());
  }
}
