/**
 * A forward lookup of one name and type: the records, the CNAME chain that led to them (as
 * `dig` shows it, aliases first), and for A/AAAA the system resolver's addresses beside them.
 */
import type { DnsRecord, DnsRecordType, DnsResult, DnsSystemAnswer } from '../../common/dns/dnsModel';
import { arpaName, canonicalAddress } from '../../common/dns/dnsAddress';
import type { DnsServerSpec } from '../../common/dns/dnsServerSpec';
import type { QueryContext } from './queryContext';
import type { HostsTable } from './hostsFile';
import { checkQueryName } from './names';
import type { SystemOutcome } from './systemResolver';

const MAX_CHAIN = 8;

export function badNameResult(
  query: string,
  type: DnsRecordType,
  servers: DnsServerSpec[],
  message: string,
): DnsResult {
  return { query, type, server: servers[0]!.text, elapsedMs: 0, answers: [], error: { code: 'BADNAME', message } };
}

async function followCnames(
  ctx: QueryContext,
  name: string,
  servers: DnsServerSpec[],
  deadline: number,
): Promise<DnsRecord[]> {
  const chain: DnsRecord[] = [];
  const seen = new Set([name.toLowerCase()]);
  let current = name;
  while (chain.length < MAX_CHAIN && Date.now() < deadline) {
    const r = await ctx.query(current, 'CNAME', servers, deadline);
    const target = r.answers[0];
    if (r.error || !target || seen.has(target.value.toLowerCase())) break;
    chain.push(target);
    seen.add(target.value.toLowerCase());
    current = target.value;
  }
  return chain;
}

function systemAnswer(
  outcome: SystemOutcome,
  hosts: HostsTable,
  name: string,
  family: 4 | 6,
  dns: DnsResult,
): DnsSystemAnswer {
  const sys = new Set(outcome.values.map((v) => canonicalAddress(v) ?? v));
  const fromDns = new Set(
    dns.error
      ? []
      : dns.answers
          .filter((a) => a.type === (family === 4 ? 'A' : 'AAAA'))
          .map((a) => canonicalAddress(a.value) ?? a.value),
  );
  const differs = sys.size !== fromDns.size || [...sys].some((a) => !fromDns.has(a));
  return {
    source: hosts.byName.has(name.toLowerCase()) ? 'hosts-file' : 'system-resolver',
    values: [...sys],
    error: outcome.error,
    differs,
    elapsedMs: outcome.elapsedMs,
  };
}

export async function forwardLookup(
  ctx: QueryContext,
  name: string,
  type: DnsRecordType,
  servers: DnsServerSpec[],
  deadline: number,
): Promise<DnsResult> {
  const ip = canonicalAddress(name);
  if (ip !== null && type === 'PTR') return ctx.query(arpaName(ip)!, 'PTR', servers, deadline);
  const check = checkQueryName(name);
  if (!check.ok) return badNameResult(name.trim(), type, servers, check.message);
  const ascii = check.ascii;
  const family = type === 'A' ? 4 : type === 'AAAA' ? 6 : null;
  // The system resolver is asked alongside DNS, within the same deadline.
  const system = family ? Promise.all([ctx.system.forward(ascii, family, deadline), ctx.hosts.get()]) : null;
  // If DNS fails first (shutdown), nobody awaits this one: keep its rejection from going unhandled.
  system?.catch(() => {});
  const [main, chain] = await Promise.all([
    ctx.query(ascii, type, servers, deadline),
    type === 'CNAME' ? Promise.resolve([]) : followCnames(ctx, ascii, servers, deadline),
  ]);
  const result: DnsResult = { ...main, query: ascii, answers: main.error ? [] : [...chain, ...main.answers] };
  if (system && family) {
    const [outcome, hosts] = await system;
    result.system = systemAnswer(outcome, hosts, ascii, family, main);
  }
  return result;
}
