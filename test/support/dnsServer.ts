/**
 * A small authoritative DNS server for tests, on 127.0.0.1 over UDP and TCP (same port), built
 * with dns-packet. Zone `sockeye.test` plus PTR records; special names behave badly on purpose:
 *   servfail.sockeye.test  SERVFAIL        refused.sockeye.test  REFUSED
 *   silent.sockeye.test    never answered (nor is PTR of 192.0.2.99)
 *   big.sockeye.test       40 A records: over UDP a truncated (TC) empty reply, in full over TCP
 *   slow.sockeye.test      answered over UDP, but only after 700 ms
 *   late.sockeye.test      answered 6 s after it was first asked, as a recursive resolver waiting
 *                          on its upstream does: every query pending then gets the answer, later
 *                          ones at once (c-ares alone gives up after 5 s)
 *   patient.sockeye.test   each packet answered 6 s after that packet arrived, to the port it came
 *                          from: heard only by a client that keeps its socket open past 5 s
 * startDnsServer({ tcp: false }) listens on UDP only: big.sockeye.test's TC reply then meets a
 * refused TCP connection. Every question is logged with its transport.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import * as packet from 'dns-packet';
import type { Answer, Packet, Question, RecordType } from 'dns-packet';

const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;
const ZONE = 'sockeye.test';
const SOA_DATA = {
  mname: 'ns1.sockeye.test',
  rname: 'hostmaster.sockeye.test',
  serial: 2026112501,
  refresh: 7200,
  retry: 900,
  expire: 1209600,
  minimum: 30,
};
const SOA: Answer = { type: 'SOA', name: ZONE, ttl: 3600, data: SOA_DATA };

/** Addresses and names the tests rely on. */
export const TEST_DNS = {
  multi: { name: 'multi.sockeye.test', a: ['10.0.0.1', '10.0.0.2', '10.0.0.3'], aaaa: ['fd00::1'] },
  alias: { name: 'alias.sockeye.test', chain: ['alias2.sockeye.test', 'multi.sockeye.test'] },
  /** PTR 127.0.0.1 → loopback.sockeye.test, whose A is 127.0.0.1: forward-confirmed. */
  loopback: { address: '127.0.0.1', name: 'loopback.sockeye.test' },
  /** PTR ::1 → unconfirmed.sockeye.test, whose AAAA is fd00::99: not confirmed. */
  loopback6: { address: '::1', name: 'unconfirmed.sockeye.test' },
  /** PTR 192.0.2.10 → host10.sockeye.test (confirmed); 192.0.2.11 → liar.sockeye.test (A 192.0.2.99: not confirmed). */
  confirmed: { address: '192.0.2.10', name: 'host10.sockeye.test' },
  unconfirmed: { address: '192.0.2.11', name: 'liar.sockeye.test' },
  /** No PTR record. */
  noPtr: '192.0.2.20',
  /** The server never answers the PTR question for this address. */
  silentAddress: '192.0.2.99',
  big: { name: 'big.sockeye.test', count: 40 },
  shortTtl: { name: 'short.sockeye.test', a: '10.0.0.50' },
  slow: { name: 'slow.sockeye.test', a: '10.0.0.70', delayMs: 700 },
  late: { name: 'late.sockeye.test', a: '10.0.0.80', afterMs: 6000 },
  patient: { name: 'patient.sockeye.test', a: '10.0.0.81', delayMs: 6000 },
  /**
   * A TXT record holding an escape and a right-to-left override: anyone's text. Node reads TXT
   * bytes one character per byte, so the override's UTF-8 arrives as "â", U+0080 (a C1 control), "®".
   */
  bidiTxt: {
    name: 'bidi.sockeye.test',
    txt: 'ok \x1b[31m \u202etxt.exe',
    shown: 'ok ⟨U+001B⟩[31m â⟨U+0080⟩®txt.exe',
  },
};

function ptrName(address: string): string {
  if (!address.includes(':')) return `${address.split('.').reverse().join('.')}.in-addr.arpa`;
  const [head = '', tail = ''] = address.split('::');
  const groups = (s: string) => (s ? s.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const full = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t].map((g) => g.padStart(4, '0')).join('');
  return `${full.split('').reverse().join('.')}.ip6.arpa`;
}

function buildZone(): Map<string, Answer[]> {
  const z = new Map<string, Answer[]>();
  const add = (name: string, type: RecordType, data: unknown, ttl = 300) => {
    const key = name.toLowerCase();
    z.set(key, [...(z.get(key) ?? []), { type, name, ttl, data } as Answer]);
  };
  add(TEST_DNS.multi.name, 'A', '10.0.0.1', 300);
  add(TEST_DNS.multi.name, 'A', '10.0.0.2', 300);
  add(TEST_DNS.multi.name, 'A', '10.0.0.3', 120);
  add(TEST_DNS.multi.name, 'AAAA', 'fd00::1', 300);
  add('alias.sockeye.test', 'CNAME', 'alias2.sockeye.test', 60);
  add('alias2.sockeye.test', 'CNAME', 'multi.sockeye.test', 60);
  add(ZONE, 'SOA', SOA_DATA);
  add(ZONE, 'NS', 'ns1.sockeye.test');
  add(ZONE, 'MX', { preference: 20, exchange: 'backup.sockeye.test' });
  add(ZONE, 'MX', { preference: 10, exchange: 'mail.sockeye.test' });
  add(ZONE, 'TXT', ['v=spf1 -all']);
  add(ZONE, 'TXT', ['hello ', 'world']);
  add(ZONE, 'CAA', { flags: 0, tag: 'issue', value: 'letsencrypt.org' });
  add('_http._tcp.sockeye.test', 'SRV', { priority: 10, weight: 5, port: 8080, target: 'web.sockeye.test' });
  add('ns1.sockeye.test', 'A', '10.0.0.53');
  add('mail.sockeye.test', 'A', '10.0.0.25');
  add(TEST_DNS.loopback.name, 'A', '127.0.0.1');
  add(TEST_DNS.loopback6.name, 'AAAA', 'fd00::99');
  add(TEST_DNS.loopback6.name, 'A', '10.9.9.9');
  add(TEST_DNS.confirmed.name, 'A', TEST_DNS.confirmed.address);
  add(TEST_DNS.unconfirmed.name, 'A', '192.0.2.99');
  add(TEST_DNS.shortTtl.name, 'A', TEST_DNS.shortTtl.a, 1);
  add(TEST_DNS.slow.name, 'A', TEST_DNS.slow.a);
  add(TEST_DNS.late.name, 'A', TEST_DNS.late.a);
  add(TEST_DNS.patient.name, 'A', TEST_DNS.patient.a);
  add(TEST_DNS.bidiTxt.name, 'TXT', [TEST_DNS.bidiTxt.txt]);
  for (let i = 1; i <= TEST_DNS.big.count; i++) add(TEST_DNS.big.name, 'A', `10.1.0.${i}`, 300);
  add(ptrName(TEST_DNS.loopback.address), 'PTR', TEST_DNS.loopback.name);
  add(ptrName(TEST_DNS.loopback6.address), 'PTR', TEST_DNS.loopback6.name);
  add(ptrName(TEST_DNS.confirmed.address), 'PTR', TEST_DNS.confirmed.name);
  add(ptrName(TEST_DNS.unconfirmed.address), 'PTR', TEST_DNS.unconfirmed.name);
  return z;
}

export interface QueryLogEntry {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export interface TestDnsServer {
  port: number;
  /** `127.0.0.1:PORT`, as --dns-server takes it. */
  address: string;
  log: QueryLogEntry[];
  close(): Promise<void>;
}

type Reply = { rcode: number; answers: Answer[]; authorities: Answer[]; truncated?: boolean } | null;

function answer(zone: Map<string, Answer[]>, q: Question, transport: 'udp' | 'tcp'): Reply {
  const name = q.name.toLowerCase();
  if (name === `servfail.${ZONE}`) return { rcode: RCODE.SERVFAIL, answers: [], authorities: [] };
  if (name === `refused.${ZONE}`) return { rcode: RCODE.REFUSED, answers: [], authorities: [] };
  if (name === `silent.${ZONE}` || name === ptrName(TEST_DNS.silentAddress)) return null;
  if (name === TEST_DNS.big.name && transport === 'udp')
    return { rcode: RCODE.NOERROR, answers: [], authorities: [], truncated: true };
  const answers: Answer[] = [];
  let current = name;
  for (let hops = 0; hops < 10; hops++) {
    const rrs = zone.get(current);
    if (!rrs)
      return hops === 0
        ? { rcode: RCODE.NXDOMAIN, answers: [], authorities: [SOA] }
        : { rcode: RCODE.NOERROR, answers, authorities: [] };
    const match = rrs.filter((r) => r.type === q.type);
    if (match.length) return { rcode: RCODE.NOERROR, answers: [...answers, ...match], authorities: [] };
    const cname = rrs.find((r) => r.type === 'CNAME');
    if (!cname) return { rcode: RCODE.NOERROR, answers, authorities: answers.length ? [] : [SOA] };
    answers.push(cname);
    current = String((cname as { data: string }).data).toLowerCase();
  }
  return { rcode: RCODE.SERVFAIL, answers: [], authorities: [] };
}

function respond(
  zone: Map<string, Answer[]>,
  query: Packet,
  transport: 'udp' | 'tcp',
  log: QueryLogEntry[],
): Packet | null {
  const q = query.questions?.[0];
  if (!q) return null;
  log.push({ name: q.name, type: q.type, transport });
  const reply = answer(zone, q, transport);
  if (!reply) return null;
  const flags =
    packet.AUTHORITATIVE_ANSWER |
    (query.flags! & packet.RECURSION_DESIRED) |
    (reply.truncated ? packet.TRUNCATED_RESPONSE : 0) |
    reply.rcode;
  return {
    type: 'response',
    id: query.id,
    flags,
    questions: query.questions,
    answers: reply.answers,
    authorities: reply.authorities,
  };
}

/** UDP and TCP on one port (c-ares retries a truncated answer over TCP on the same port). */
async function bindBoth(makeUdp: () => dgram.Socket, tcp: net.Server): Promise<{ udp: dgram.Socket; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const udp = makeUdp();
    await new Promise<void>((res, rej) => {
      udp.once('error', rej);
      udp.bind(0, '127.0.0.1', () => (udp.off('error', rej), res()));
    });
    const port = udp.address().port;
    try {
      await new Promise<void>((res, rej) => {
        tcp.once('error', rej);
        tcp.listen(port, '127.0.0.1', () => (tcp.off('error', rej), res()));
      });
      return { udp, port };
    } catch (err) {
      await new Promise<void>((res) => udp.close(() => res()));
      if (attempt > 20) throw err;
    }
  }
}

export async function startDnsServer(options: { tcp?: boolean } = {}): Promise<TestDnsServer> {
  const zone = buildZone();
  let lateSince: number | null = null;
  /** When to answer a query for late.sockeye.test: 6 s after the first one, or now. */
  const lateDelay = () => {
    lateSince ??= Date.now();
    return Math.max(0, lateSince + TEST_DNS.late.afterMs - Date.now());
  };
  const log: QueryLogEntry[] = [];
  const conns = new Set<net.Socket>();
  const makeUdp = () => {
    const udp = dgram.createSocket('udp4');
    udp.on('message', (msg, rinfo) => {
      let query: Packet;
      try {
        query = packet.decode(msg);
      } catch {
        return;
      }
      const out = respond(zone, query, 'udp', log);
      if (!out) return;
      const send = () => udp.send(packet.encode(out), rinfo.port, rinfo.address);
      const asked = query.questions?.[0]?.name.toLowerCase();
      if (asked === TEST_DNS.slow.name) setTimeout(send, TEST_DNS.slow.delayMs);
      else if (asked === TEST_DNS.late.name) setTimeout(send, lateDelay());
      else if (asked === TEST_DNS.patient.name) setTimeout(send, TEST_DNS.patient.delayMs);
      else send();
    });
    return udp;
  };
  const tcp = net.createServer((sock) => {
    conns.add(sock);
    sock.on('close', () => conns.delete(sock));
    sock.on('error', () => {});
    let buf = Buffer.alloc(0);
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const len = buf.readUInt16BE(0);
        const msg = buf.subarray(2, 2 + len);
        buf = buf.subarray(2 + len);
        let query: Packet;
        try {
          query = packet.decode(msg);
        } catch {
          sock.destroy();
          return;
        }
        const out = respond(zone, query, 'tcp', log);
        if (out) sock.write(packet.streamEncode(out));
      }
    });
  });
  const { udp, port } = options.tcp === false ? await bindUdpOnly(makeUdp) : await bindBoth(makeUdp, tcp);
  return {
    port,
    address: `127.0.0.1:${port}`,
    log,
    close: async () => {
      for (const c of conns) c.destroy();
      await Promise.all([
        new Promise<void>((res) => udp.close(() => res())),
        new Promise<void>((res) => (tcp.listening ? tcp.close(() => res()) : res())),
      ]);
    },
  };
}

/** UDP only, on a port where nothing listens on TCP (a TCP connection to it is refused). */
async function bindUdpOnly(makeUdp: () => dgram.Socket): Promise<{ udp: dgram.Socket; port: number }> {
  const udp = makeUdp();
  await new Promise<void>((res, rej) => {
    udp.once('error', rej);
    udp.bind(0, '127.0.0.1', () => (udp.off('error', rej), res()));
  });
  return { udp, port: udp.address().port };
}

/** A loopback UDP port with nothing listening on it (queries to it are refused). */
export async function unusedUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((res) => s.bind(0, '127.0.0.1', () => res()));
  const port = s.address().port;
  await new Promise<void>((res) => s.close(() => res()));
  return port;
}
