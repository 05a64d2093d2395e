/**
 * `sockeye fleet SOURCE... [--json]`: several hosts' snapshots side by side, with the
 * connections from one host to another. SOURCE is another host's `sockeye serve` as
 * `http://HOST:PORT/?token=API_TOKEN`, a saved snapshot file, or a file listing sources.
 */
import { parseCommandArgs } from '../args';
import { loadFleet, FLEET_DEFAULTS } from '../../node/fleet/loadFleet';
import { parseDuration } from '../../common/traffic/trafficFormat';
import { formatFleet } from '../text/fleetText';
import { terminalSafe } from '../text/terminalText';
import { UsageError } from '../errors';
import { writeOutput } from '../output';

const HELP = `usage: sockeye fleet SOURCE... [--json] [--unmatched] [--timeout 10s] [--max-mb 64] [--concurrency 16]

Read several hosts' snapshots and pair the connections that cross from one host to another:
a client on host A whose remote endpoint is an address of host B with a listener there becomes
A:process → B:process:port, confirmed when B's own table holds the accepted end. Endpoints no
host of the fleet owns (NAT, proxies, hosts not listed) stay unmatched, never guessed.
SOURCE is one of:
  http://HOST:PORT/?token=API_TOKEN   another host's sockeye serve (GET /v1/snapshot, the token as a Bearer header)
  FILE                                a saved snapshot (sockeye snapshot --json -o FILE)
  OSQUERY.json                        osquery results: process_open_sockets / listening_ports rows (osqueryi --json)
  LIST                                a file naming sources, one per line (# comments; paths relative to the list)
  --json             print {"schema":"sockeye.fleet/1","hosts":[…],"edges":[…]} (tokens shown as ***)
  --unmatched        list the remote endpoints no host of the fleet owns (the table counts them)
  --timeout T        per host, the whole exchange (default 10s)
  --max-mb N         per host, the largest snapshot read, in MB (default 64)
  --concurrency N    hosts read at once (default 16)
Exit status: 0 when at least one host answered (the others are listed with their errors),
1 when none did, 2 for bad usage.`;

function positive(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new UsageError(`${name} must be a whole number from 1, not '${text}'`);
  return n;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    'fleet',
    HELP,
    argv,
    {
      json: { type: 'boolean' },
      unmatched: { type: 'boolean' },
      timeout: { type: 'string' },
      'max-mb': { type: 'string' },
      concurrency: { type: 'string' },
    },
    true,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError("fleet needs at least one SOURCE (see 'sockeye fleet --help')");
  const timeoutMs = values.timeout === undefined ? FLEET_DEFAULTS.timeoutMs : parseDuration(values.timeout);
  if (timeoutMs === null) throw new UsageError(`--timeout takes a duration like 10s or 500ms, not '${values.timeout}'`);
  const maxBytes = positive(values['max-mb'], '--max-mb', FLEET_DEFAULTS.maxBytes / 1024 / 1024) * 1024 * 1024;
  const concurrency = positive(values.concurrency, '--concurrency', FLEET_DEFAULTS.concurrency);
  const fleet = await loadFleet(positionals, { timeoutMs, maxBytes, concurrency });
  const text = values.json
    ? JSON.stringify(fleet, null, process.stdout.isTTY ? 2 : undefined) + '\n'
    : terminalSafe(formatFleet(fleet, { unmatched: values.unmatched === true }));
  await writeOutput(text, undefined);
  // Which hosts failed, on stderr too, so a script reading --json still sees them.
  for (const h of fleet.hosts)
    if (!h.ok)
      process.stderr.write(terminalSafe(`sockeye: ${h.source}: ${h.error ?? 'failed'}`.replace(/\n/g, ' ')) + '\n');
  return fleet.hosts.some((h) => h.ok) ? 0 : 1;
}
