/**
 * Sends one connection's messages as pieced messages (src/common/wire/pieces.ts), a few hundred KB per
 * event-loop turn. Written in one go, a 20,000-socket snapshot (~5.5 MB) held the serving
 * thread for 12–29 ms while the socket took it (measured with the bench's service probe), every
 * live tick and every tab; a turn of this sender stays around a millisecond or two. Everything
 * for the connection goes through one queue, so a message never lands between another's pieces.
 */
import type { WebSocket } from 'ws';
import { wireMessages, type PiecedText } from '../../common/wire/pieces';

/** About this much leaves per turn (one snapshot piece is up to 768 KB of UTF-8). */
const BYTES_PER_TURN = 256 * 1024;

export class WireSender {
  private readonly queue: (string | Uint8Array)[] = [];
  private head = 0;
  private pumping = false;

  constructor(private readonly ws: WebSocket) {}

  send(message: PiecedText): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    for (const part of wireMessages(message)) this.queue.push(part);
    if (!this.pumping) this.pump();
  }

  /** Frames not yet handed to the socket (for tests and the bench). */
  get pending(): number {
    return this.queue.length - this.head;
  }

  private pump(): void {
    this.pumping = false;
    let sent = 0;
    while (this.head < this.queue.length && sent < BYTES_PER_TURN) {
      if (this.ws.readyState !== this.ws.OPEN) {
        this.queue.length = this.head = 0; // gone: nothing more to send
        return;
      }
      const part = this.queue[this.head++]!;
      // Byte pieces are UTF-8 from the snapshot worker: a text frame as they are.
      this.ws.send(part, { binary: false });
      sent += typeof part === 'string' ? part.length : part.byteLength;
    }
    if (this.head === this.queue.length) {
      this.queue.length = this.head = 0;
      return;
    }
    this.pumping = true;
    setImmediate(() => this.pump());
  }
}
