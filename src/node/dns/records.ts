/**
 * One query per record type on a c-ares Resolver, and its answer as DnsRecords. Only A and AAAA
 * carry TTLs in Node's API ({ ttl: true }); for the other types the TTL is reported as null.
 */
import type { Resolver } from 'node:dns/promises';
import type { DnsRecord, DnsRecordType } from '../../common/dns/dnsModel';

export async function queryRecords(resolver: Resolver, name: string, type: DnsRecordType): Promise<DnsRecord[]> {
  switch (type) {
    case 'A':
      return (await resolver.resolve4(name, { ttl: true })).map((r) => ({ type, value: r.address, ttl: r.ttl }));
    case 'AAAA':
      return (await resolver.resolve6(name, { ttl: true })).map((r) => ({ type, value: r.address, ttl: r.ttl }));
    case 'CNAME':
      return (await resolver.resolveCname(name)).map((value) => ({ type, value, ttl: null }));
    case 'NS':
      return (await resolver.resolveNs(name)).map((value) => ({ type, value, ttl: null }));
    case 'PTR':
      return (await resolver.resolvePtr(name)).map((value) => ({ type, value, ttl: null }));
    case 'MX':
      return (await resolver.resolveMx(name))
        .sort((a, b) => a.priority - b.priority)
        .map((r) => ({ type, value: r.exchange, priority: r.priority, ttl: null }));
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((chunks) => ({ type, value: chunks.join(''), ttl: null }));
    case 'SRV':
      return (await resolver.resolveSrv(name))
        .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
        .map((r) => ({ type, value: r.name, priority: r.priority, weight: r.weight, port: r.port, ttl: null }));
    case 'SOA': {
      const s = await resolver.resolveSoa(name);
      return [
        {
          type,
          value: `${s.nsname} ${s.hostmaster} ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minttl}`,
          ttl: null,
        },
      ];
    }
    case 'CAA':
      return (await resolver.resolveCaa(name)).map((r) => {
        const { critical, ...rest } = r as unknown as Record<string, unknown>;
        const [tag, value] = Object.entries(rest)[0] ?? ['', ''];
        return { type, value: `${Number(critical) || 0} ${tag} ${JSON.stringify(String(value))}`, ttl: null };
      });
  }
}
