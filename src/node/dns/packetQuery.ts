/**
 * One question to one server asked with dns-packet over our own UDP socket (TCP when the answer
 * is truncated), for budgets longer than Node 20's c-ares can wait: c-ares (1.34) ends a query
 * at 5 s whatever its timeout says, and a retry goes out from a new port, so a server that
 * answers each packet only after more than 5 s is never heard through it. Here one socket stays
 * open for the whole budget and the question is sent again from it every few seconds, so the
 * answer to any of the packets counts. The answers are the same DnsRecords c-ares' path gives
 * (records.ts: TTLs for A and AAAA, null for the rest) and errors the same c-ares codes, so
 * everything after the query is shared (docs/adr/0022-dns-long-budgets-over-dns-packet.md).
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { isIP } from 'node:net';
import * as packet from 'dns-packet';
import type { Answer, Packet } from 'dns-packet';
import type { DnsRecord, DnsRecordType } from '../../common/dns/dnsModel';
import type { DnsServerSpec } from '../../common/dns/dnsServerSpec';

/** How often the question is sent again on the same socket while no answer came. */
const RESEND_MS = 2000;

/** What a query came to: records, or a c-ares-style error code (ETIMEOUT when the time ran out). */
export type PacketOutcome = { records: DnsRecord[] } | { code: string; message: string };

/** Cancels a query in flight (shutdown): it then ends with ECANCELLED. */
export interface Cancellable {
  cancel(): void;
}

const RCODE_ERRORS: Record<string, string> = {
  NXDOMAIN: 'ENOTFOUND',
  SERVFAIL: 'ESERVFAIL',
  REFUSED: 'EREFUSED',
  FORMERR: 'EFORMERR',
  NOTIMP: 'ENOTIMP',
};

// c-ares (Node's resolveTxt) hands TXT bytes over one character per byte: the same here.
const text = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v));

/** One answer as the record c-ares' path would give, or null for another type (a CNAME on the way). */
function toRecord(a: Answer, type: DnsRecordType): DnsRecord | null {
  if (a.type !== type) return null;
  const d = a.data as unknown;
  switch (type) {
    case 'A':
    case 'AAAA':
      return { type, value: String(d), ttl: a.ttl ?? null };
    case 'MX': {
      const mx = d as { preference?: number; exchange: string };
      return { type, value: mx.exchange, priority: mx.preference ?? 0, ttl: null };
    }
    case 'TXT':
      return { type, value: (Array.isArray(d) ? d : [d]).map(text).join(''), ttl: null };
    case 'SRV': {
      const s = d as { priority?: number; weight?: number; port?: number; target: string };
      return { type, value: s.target, priority: s.priority ?? 0, weight: s.weight ?? 0, port: s.port ?? 0, ttl: null };
    }
    case 'SOA': {
      const s = d as Record<string, string | number>;
      const value = `${s.mname} ${s.rname} ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minimum}`;
      return { type, value, ttl: null };
    }
    case 'CAA': {
      const c = d as { flags?: number; tag: string; value: string };
      return { type, value: `${c.flags ?? 0} ${c.tag} ${JSON.stringify(String(c.value))}`, ttl: null };
    }
    default:
      return { type, value: String(d), ttl: null };
  }
}

/** A reply as c-ares' path would report it. */
function outcomeOf(reply: Packet, type: DnsRecordType): PacketOutcome {
  const rcode = (reply as { rcode?: string }).rcode ?? 'NOERROR';
  if (rcode !== 'NOERROR') return { code: RCODE_ERRORS[rcode] ?? 'ESERVFAIL', message: rcode };
  const answers = reply.answers ?? [];
  const records = answers.map((a) => toRecord(a, type)).filter((r): r is DnsRecord => r !== null);
  if (records.length === 0) return { code: 'ENODATA', message: 'no records of that type' };
  // Reached through a CNAME, an address lives no longer than the alias: c-ares gives the least TTL.
  const chainTtl = Math.min(
    ...answers.filter((a) => a.type === 'CNAME').map((a) => (a as { ttl?: number }).ttl ?? Infinity),
  );
  for (const r of records) if (r.ttl !== null && r.ttl > chainTtl) r.ttl = chainTtl;
  // c-ares' path sorts these so (records.ts).
  if (type === 'MX') records.sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  if (type === 'SRV')
    records.sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0) || (b.weight ?? 0) - (a.weight ?? 0));
  return { records };
}

/** The question over TCP (a truncated UDP answer), within `ms`. */
function askOverTcp(server: DnsServerSpec, query: Buffer, id: number, ms: number, type: DnsRecordType) {
  return new Promise<PacketOutcome>((resolve) => {
    const sock = net.connect({ host: server.host, port: server.port });
    let buf = Buffer.alloc(0);
    const done = (o: PacketOutcome) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(o);
    };
    const timer = setTimeout(() => done({ code: 'ETIMEOUT', message: 'timed out over TCP' }), Math.max(1, ms));
    sock.on('connect', () => sock.write(Buffer.concat([Buffer.from([query.length >> 8, query.length & 255]), query])));
    // Refused after a truncated UDP answer: said apart from "no server there" (queryServer.ts).
    sock.on('error', (err: NodeJS.ErrnoException) =>
      done({ code: err.code === 'ECONNREFUSED' ? 'ETCPREFUSED' : (err.code ?? 'ESERVER'), message: err.message }),
    );
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 2 || buf.length < 2 + buf.readUInt16BE(0)) return;
      try {
        const reply = packet.streamDecode(buf);
        if (reply.id === id) done(outcomeOf(reply, type));
      } catch {
        done({ code: 'EBADRESP', message: 'malformed reply over TCP' });
      }
    });
  });
}

/** Ask `server` for `name`/`type` for at most `ms`, resending on one socket; `track` gets its canceller. */
export function packetQuery(
  server: DnsServerSpec,
  name: string,
  type: DnsRecordType,
  ms: number,
  track: (c: Cancellable | null) => void,
): Promise<PacketOutcome & { sent: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const sock = dgram.createSocket(isIP(server.host) === 6 ? 'udp6' : 'udp4');
    const id = Math.floor(Math.random() * 65536);
    const query = packet.encode({ type: 'query', id, flags: packet.RECURSION_DESIRED, questions: [{ type, name }] });
    let settled = false;
    let sent = 0;
    const finish = (o: PacketOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(resend);
      sock.close();
      track(null);
      resolve({ ...o, sent });
    };
    track({ cancel: () => finish({ code: 'ECANCELLED', message: 'cancelled' }) });
    const timer = setTimeout(() => finish({ code: 'ETIMEOUT', message: 'timed out' }), Math.max(1, ms));
    const send = () => {
      sent++;
      sock.send(query, (err) => err && finish({ code: 'ECONNREFUSED', message: err.message }));
    };
    const resend = setInterval(send, RESEND_MS);
    sock.on('error', (err: NodeJS.ErrnoException) => finish({ code: err.code ?? 'ESERVER', message: err.message }));
    sock.on('message', (msg) => {
      let reply: Packet;
      try {
        reply = packet.decode(msg);
      } catch {
        return; // not a DNS message: wait for the real answer
      }
      if (reply.id !== id || reply.type !== 'response') return;
      if (((reply.flags ?? 0) & packet.TRUNCATED_RESPONSE) === 0) return finish(outcomeOf(reply, type));
      // The whole answer needs TCP: ask there with what is left of the budget.
      const left = ms - (performance.now() - started);
      clearInterval(resend);
      void askOverTcp(server, query, id, left, type).then(finish);
    });
    // Connected: a port with nothing on it answers at once (ICMP → ECONNREFUSED), not after `ms`.
    sock.connect(server.port, server.host, () => (settled ? undefined : send()));
  });
}
