/**
 * `sockeye serve [--host H] [--port N] [--collector C]`: the Sockeye UI in a browser, for
 * machines reached over SSH. Binds to 127.0.0.1 unless told otherwise; prints the URL with its
 * token as the first line on stdout.
 */
import { parseCommandArgs } from '../args';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CollectorNameSchema } from '../../shared/model';
import { createApiBackend } from '../../main/core/apiHandlers';
import { createSnapshotService } from '../../main/core/snapshotService';
import { readSnapshotFile } from '../../main/core/readSnapshotFile';
import { startServer } from '../server/sockeyeServer';
import { DnsService } from '../../main/core/dns/dnsService';
import { dnsProvider } from '../../main/core/dns/dnsProvider';
import { parseDnsServer } from '../../shared/dnsServerSpec';
import { CliError, UsageError } from '../errors';
import { formatFilterError, tryParseFilter } from '../../shared/filter';

const HELP = `usage: sockeye serve [--host H] [--port N] [--collector procfs|systeminformation] [--snapshot FILE] [--filter EXPR]
                    [--dns-server HOST[:PORT]]...

Serve the Sockeye UI to a browser. Prints http://HOST:PORT/?token=… first; open it (over SSH:
ssh -L PORT:127.0.0.1:PORT server, then open the URL locally). Ctrl-C stops it.
  --host H      address to bind (default 127.0.0.1; 0.0.0.0 exposes it to your network)
  --port N      port (default 7777; 0 picks a free one)
  --collector   force a collector (default: procfs on Linux, systeminformation elsewhere)
  --snapshot F  serve the saved snapshot in F (sockeye snapshot --json -o F) instead of this host; live refresh off
  --filter EXPR the UI's starting filter (carried in the printed URL as &filter=…)
  --dns-server S DNS server for the UI's lookups, IP[:PORT] or [IPv6]:PORT, repeatable (default: the system's)`;

/** The built renderer: out/renderer of the Sockeye package this code runs from. */
function findRendererDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (existsSync(join(dir, 'renderer', 'index.html'))) return join(dir, 'renderer');
    dir = resolve(dir, '..');
  }
  return null;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('serve', HELP, argv, {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '7777' },
    collector: { type: 'string' },
    snapshot: { type: 'string' },
    filter: { type: 'string' },
    'dns-server': { type: 'string', multiple: true },
  });
  if (!parsed) return 0;
  const { values } = parsed;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, not '${values.port}'`);
  let collector;
  if (values.collector !== undefined) {
    const parsed = CollectorNameSchema.safeParse(values.collector);
    if (!parsed.success) throw new UsageError(`unknown collector '${values.collector}' (procfs or systeminformation)`);
    collector = parsed.data;
  }
  if (values.filter !== undefined) {
    const parsed = tryParseFilter(values.filter);
    if (parsed.error) throw new UsageError(formatFilterError(values.filter, parsed.error));
  }
  for (const spec of values['dns-server'] ?? []) {
    const parsed = parseDnsServer(spec);
    if ('error' in parsed) throw new UsageError(`--dns-server: ${parsed.error}`);
  }
  let saved;
  if (values.snapshot !== undefined) {
    const opened = await readSnapshotFile(values.snapshot, undefined, { wholePath: true });
    if (!opened.ok) throw new CliError(opened.error);
    saved = { json: JSON.stringify(opened.snapshot), name: opened.name };
    process.stderr.write(
      `sockeye: serving the saved snapshot ${opened.name} (taken ${opened.snapshot.takenAt} on ${opened.snapshot.host.hostname}); live refresh is off\n`,
    );
  }

  const rendererDir = findRendererDir();
  if (!rendererDir) throw new CliError('the UI is not built: run `npm run build:app` in the Sockeye folder');

  const snapshots = createSnapshotService({ collector, inWorker: true });
  const dns = new DnsService({ servers: values['dns-server'] });
  const backend = createApiBackend({
    snapshots,
    saved,
    dns: dnsProvider(dns),
    onError: (m) => process.stderr.write(`sockeye: ${m}\n`),
  });
  let server;
  try {
    server = await startServer({
      host: values.host!,
      port,
      rendererDir,
      backend,
      log: (l) => process.stderr.write(`sockeye: ${l}\n`),
    });
  } catch (err) {
    dns.close();
    await snapshots.close();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new CliError(`port ${port} on ${values.host} is in use (try --port 0)`);
    if (e.code === 'EADDRNOTAVAIL') throw new CliError(`cannot bind ${values.host}: not an address of this machine`);
    throw new CliError(`cannot listen on ${values.host}:${port}: ${e.message}`);
  }
  // Listen for Ctrl-C before the URL is out: whoever reads the URL may stop us at once.
  const stopped = new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // The UI reads its starting filter from the page's query, next to the token.
  const shownUrl = values.filter ? `${server.url}&filter=${encodeURIComponent(values.filter)}` : server.url;
  process.stdout.write(`${shownUrl}\n`);
  if (values.host !== '127.0.0.1' && values.host !== '::1' && values.host !== 'localhost') {
    process.stderr.write(
      `sockeye: listening on ${values.host}: anyone who can reach it and has the token can see this machine's connections\n`,
    );
  }

  await stopped;
  // Lookups still in flight are cancelled, not waited for; a turn of the event loop lets their
  // callers hear so before the connections close.
  dns.close();
  await new Promise((r) => setImmediate(r));
  await server.close();
  await snapshots.close();
  return 0;
}
