/**
 * After c-ares reports "connection refused", was it the TCP retry of a truncated answer? c-ares
 * does not say, and "no DNS server there" would be false: the server answered over UDP with TC
 * set, then refused TCP. One UDP question of our own (dns-packet) tells the two apart.
 */
import dgram from 'node:dgram';
import { isIP } from 'node:net';
import * as packet from 'dns-packet';
import type { DnsRecordType } from '../../common/dns/dnsModel';
import type { DnsServerSpec } from '../../common/dns/dnsServerSpec';

/** Whether `server` answers this question over UDP with the TC (truncated) flag; false if unsure. */
export function answersTruncated(
  server: DnsServerSpec,
  name: string,
  type: DnsRecordType,
  waitMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = dgram.createSocket(isIP(server.host) === 6 ? 'udp6' : 'udp4');
    const id = Math.floor(Math.random() * 65536);
    let settled = false;
    const done = (truncated: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.close();
      resolve(truncated);
    };
    const timer = setTimeout(() => done(false), Math.max(1, waitMs));
    sock.on('error', () => done(false));
    sock.on('message', (msg) => {
      try {
        const reply = packet.decode(msg);
        if (reply.id !== id) return;
        done(((reply.flags ?? 0) & packet.TRUNCATED_RESPONSE) !== 0);
      } catch {
        done(false);
      }
    });
    const query = packet.encode({
      type: 'query',
      id,
      flags: packet.RECURSION_DESIRED,
      questions: [{ type, name }],
    });
    // Connected, so a port with nothing on it answers at once (ICMP → ECONNREFUSED), not after waitMs.
    sock.connect(server.port, server.host, () => {
      if (!settled) sock.send(query, (err) => err && done(false));
    });
  });
}
