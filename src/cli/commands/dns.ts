/**
 * `sockeye dns lookup NAME [--type T]... [--server HOST[:PORT]]... [--timeout MS] [--json]`
 * `sockeye dns reverse IP [--server HOST[:PORT]]... [--timeout MS] [--json]`
 * Exit 0 with answers, 1 for a DNS error (every type failed), 2 for bad usage.
 */
import { parseCommandArgs } from '../args';
import { DNS_RECORD_TYPES, DnsRecordTypeSchema, type DnsRecordType, type DnsResult } from '../../common/dns/dnsModel';
import { parseDnsServer } from '../../common/dns/dnsServerSpec';
import { DEFAULT_DNS_TIMEOUT_MS, DnsService } from '../../node/dns/dnsService';
import { formatDnsError, formatDnsResult } from '../text/dnsText';
import { terminalSafe } from '../text/terminalText';
import { CliError, UsageError } from '../errors';

const HELP = `usage: sockeye dns lookup NAME [--type T]... [--server HOST[:PORT]]... [--timeout MS] [--json]
       sockeye dns reverse IP [--server HOST[:PORT]]... [--timeout MS] [--json]

Ask DNS directly (not through the system resolver; its answer is shown beside where it differs).
  -t, --type T     record type, repeatable or comma-separated (default A): ${DNS_RECORD_TYPES.join(' ')}
  -s, --server S   DNS server, IP[:PORT] or [IPv6]:PORT, repeatable (asked in turn); default: the system's
  --timeout MS     give up after MS milliseconds in all (default ${DEFAULT_DNS_TIMEOUT_MS})
  --json           { query, type, server, elapsedMs, answers: [{ type, value, ttl }], error } (an array for several types)
Exit status: 0 answered, 1 DNS error (NXDOMAIN, NODATA, SERVFAIL, REFUSED, TIMEOUT, UNREACHABLE, BADNAME), 2 bad usage.`;

function parseTypes(raw: string[] | undefined): DnsRecordType[] {
  if (!raw?.length) return ['A'];
  const types: DnsRecordType[] = [];
  for (const t of raw.flatMap((r) => r.split(','))) {
    const parsed = DnsRecordTypeSchema.safeParse(t.trim().toUpperCase());
    if (!parsed.success) throw new UsageError(`unknown record type '${t}' (one of ${DNS_RECORD_TYPES.join(', ')})`);
    if (!types.includes(parsed.data)) types.push(parsed.data);
  }
  return types;
}

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_DNS_TIMEOUT_MS;
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || ms < 50 || ms > 60_000)
    throw new UsageError(`--timeout must be 50–60000 milliseconds, not '${raw}'`);
  return ms;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    'dns',
    HELP,
    argv,
    {
      type: { type: 'string', short: 't', multiple: true },
      server: { type: 'string', short: 's', multiple: true },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
    true,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const [sub, target, ...extra] = positionals;
  if (sub !== 'lookup' && sub !== 'reverse')
    throw new UsageError(
      sub === undefined
        ? "say 'sockeye dns lookup NAME' or 'sockeye dns reverse IP'"
        : `unknown dns command '${sub}' (lookup or reverse)`,
    );
  if (target === undefined)
    throw new UsageError(sub === 'lookup' ? 'dns lookup needs a NAME' : 'dns reverse needs an IP address');
  if (extra.length)
    throw new UsageError(`one ${sub === 'lookup' ? 'name' : 'address'} at a time (unexpected '${extra[0]}')`);
  if (sub === 'reverse' && values.type?.length)
    throw new UsageError('dns reverse always asks for PTR; --type goes with dns lookup');
  const types = parseTypes(values.type);
  const timeoutMs = parseTimeout(values.timeout);
  const servers = values.server ?? [];
  for (const s of servers) {
    const parsed = parseDnsServer(s);
    if ('error' in parsed) throw new UsageError(parsed.error);
  }

  let service: DnsService;
  try {
    service = new DnsService({ servers, timeoutMs });
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  let results: DnsResult[];
  try {
    results = sub === 'lookup' ? await service.lookup(target, types) : [await service.reverse(target)];
  } finally {
    service.close();
  }

  if (values.json) {
    process.stdout.write(
      JSON.stringify(results.length === 1 ? results[0] : results, null, process.stdout.isTTY ? 2 : undefined) + '\n',
    );
  } else {
    process.stdout.write(terminalSafe(results.map(formatDnsResult).join('')));
    for (const r of results) if (r.error) process.stderr.write(`sockeye: ${formatDnsError(r)}\n`);
  }
  return results.some((r) => r.error === null) ? 0 : 1;
}
