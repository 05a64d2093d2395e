/**
 * A reverse lookup: the PTR names from DNS, each forward-confirmed (its A/AAAA records hold the
 * address again), plus the hosts file's and the system resolver's names, each marked with
 * where it came from.
 */
import type { DnsName, DnsRecord, DnsResult } from '../../common/dns/dnsModel';
import { addressFamily, arpaName, canonicalAddress, sameAddress } from '../../common/dns/dnsAddress';
import type { DnsServerSpec } from '../../common/dns/dnsServerSpec';
import type { QueryContext } from './queryContext';
import { badNameResult } from './forwardLookup';
import { checkQueryName } from './names';

/** Confirming costs one query per name; a PTR set larger than this is unusual (and suspicious). */
const MAX_CONFIRM = 8;

const bare = (n: string) => n.replace(/\.$/, '').toLowerCase();

async function confirm(
  ctx: QueryContext,
  name: string,
  address: string,
  servers: DnsServerSpec[],
  deadline: number,
): Promise<boolean> {
  const check = checkQueryName(name);
  if (!check.ok) return false;
  const r = await ctx.query(check.ascii, addressFamily(address) === 6 ? 'AAAA' : 'A', servers, deadline);
  return r.answers.some((a) => sameAddress(a.value, address));
}

export async function reverseLookup(
  ctx: QueryContext,
  input: string,
  servers: DnsServerSpec[],
  deadline: number,
  withSystem: boolean,
): Promise<DnsResult> {
  const address = canonicalAddress(input);
  if (address === null) {
    const shown = JSON.stringify(input.length > 80 ? `${input.slice(0, 77)}...` : input);
    return badNameResult(
      input.trim(),
      'PTR',
      servers,
      `${shown} is not an IP address (IPv4 like 192.0.2.1, or IPv6 like 2001:db8::1)`,
    );
  }
  const [ptr, system, hosts] = await Promise.all([
    ctx.query(arpaName(address)!, 'PTR', servers, deadline),
    withSystem ? ctx.system.reverse(address, deadline) : Promise.resolve(null),
    ctx.hosts.get(),
  ]);
  const ptrRecords = ptr.error ? [] : ptr.answers.filter((a) => a.type === 'PTR');
  const confirmed = await Promise.all(
    ptrRecords.map((r, i) =>
      i < MAX_CONFIRM ? confirm(ctx, r.value, address, servers, deadline) : Promise.resolve(false),
    ),
  );
  const answers: DnsRecord[] = ptrRecords.map((r, i) => ({ ...r, confirmed: confirmed[i]! }));

  const names: DnsName[] = answers.map((a) => ({ name: a.value, source: 'dns-ptr', confirmed: a.confirmed ?? false }));
  const known = new Set(names.map((n) => bare(n.name)));
  const hostNames = hosts.byAddress.get(address) ?? [];
  for (const h of hostNames) {
    if (!known.has(bare(h))) names.push({ name: h, source: 'hosts-file', confirmed: true });
    known.add(bare(h));
  }
  const confirmedNames = new Set(names.filter((n) => n.confirmed).map((n) => bare(n.name)));
  for (const s of system?.values ?? []) {
    if (!known.has(bare(s))) names.push({ name: s, source: 'system-resolver', confirmed: confirmedNames.has(bare(s)) });
    known.add(bare(s));
  }
  const dnsSet = new Set(ptrRecords.map((r) => bare(r.value)));
  const error =
    ptr.error && (ptr.error.code === 'NXDOMAIN' || ptr.error.code === 'NODATA')
      ? { ...ptr.error, message: `no PTR record for ${address} (${ptr.error.code})` }
      : ptr.error;
  const result: DnsResult = { ...ptr, error, query: address, answers, names };
  if (system) {
    result.system = {
      source: system.values.some((v) => hostNames.some((h) => bare(h) === bare(v))) ? 'hosts-file' : 'system-resolver',
      values: system.values,
      error: system.error,
      differs: system.values.length !== dnsSet.size || system.values.some((v) => !dnsSet.has(bare(v))),
      elapsedMs: system.elapsedMs,
    };
  }
  return result;
}
