/**
 * `sockeye serve [--host H] [--port N] [--collector C]`: the Sockeye UI in a browser, for
 * machines reached over SSH. Binds to 127.0.0.1 unless told otherwise; prints the link with its
 * one-time code as the first line on stdout, and a fresh link on a line of its own each time one
 * has been used.
 */
import { parseCommandArgs } from '../args';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorOption } from '../collectorOption';
import { createApiBackend } from '../../node/api/apiHandlers';
import { createSnapshotService } from '../../node/snapshot/snapshotService';
import { readSnapshotFile } from '../../node/files/readSnapshotFile';
import { startServer, type RunningServer } from '../../node/server/sockeyeServer';
import { terminalSafe } from '../text/terminalText';
import { isLoopbackHost } from '../../node/server/loopbackHost';
import { DnsService } from '../../node/dns/dnsService';
import { dnsProvider } from '../../node/dns/dnsProvider';
import { parseDnsServer } from '../../common/dns/dnsServerSpec';
import { CliError, UsageError } from '../errors';
import { formatFilterError, tryParseFilter } from '../../common/filter';
import { serveActions } from '../../node/server/serveActions';
import { checkHistoryOptions, startServeHistory } from '../serveHistory';
import { ApiTokenError, loadApiToken } from '../../node/server/apiToken';
import type { ReadOnlyApi } from '../../node/server/apiRoutes';
import type { SnapshotService } from '../../node/snapshot/snapshotService';
import type { ApiDocument } from '../../node/snapshot/apiDocuments';
import { formatMetrics } from '../../common/metrics/metricsText';
import type { Snapshot } from '../../common/model/model';

const HELP = `usage: sockeye serve [--host H] [--port N] [--collector procfs|systeminformation] [--snapshot FILE] [--filter EXPR]
                    [--dns-server HOST[:PORT]]... [--allow-actions] [--token-file FILE]
                    [--record] [--db FILE] [--record-every S]

Serve the Sockeye UI to a browser. Prints http://HOST:PORT/?code=… first; open it (over SSH:
ssh -L PORT:127.0.0.1:PORT server, then open the URL locally). The link works once: the page
trades its code for a session of its own, and a new link for the next tab or browser is printed.
Ctrl-C stops it.
  --host H      address to bind (default 127.0.0.1; 0.0.0.0 exposes it to your network)
  --port N      port (default 7777; 0 picks a free one)
  --collector   force a collector (default: procfs on Linux, systeminformation elsewhere)
  --snapshot F  serve the saved snapshot in F (sockeye snapshot --json -o F) instead of this host; live refresh off
  --filter EXPR the UI's starting filter (carried in the printed URL as &filter=…)
  --dns-server S DNS server for the UI's lookups, IP[:PORT] or [IPv6]:PORT, repeatable (default: the system's)
  --allow-actions let the browser stop processes and close connections (each confirmed, each logged);
                off by default: the server refuses every action call
  --token-file F the API token (GET /v1/snapshot, GET /metrics, as Authorization: Bearer …) is read from F,
                or F is created (mode 0600) holding a new one; without it, a new token is printed
                as 'API token: …' after the link
  --record      record history while serving (see sockeye record) and check the alert rules; the
                page shows the timeline and the alerts. Without it the page reads the history
                another recorder writes, if there is one
  --db FILE     the history database (default $XDG_STATE_HOME/sockeye/history.db)
  --record-every S seconds between recorded ticks while no page watches (default 5; a watching
                page's live ticks are recorded, at most one a second)`;

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

/** The options checked before anything starts: a typo should not cost a snapshot. */
function checkOptions(values: { port?: string; collector?: string; filter?: string; 'dns-server'?: string[] }) {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, not '${values.port}'`);
  const collector = collectorOption(values.collector);
  if (values.filter !== undefined) {
    const parsed = tryParseFilter(values.filter);
    if (parsed.error) throw new UsageError(formatFilterError(values.filter, parsed.error));
  }
  for (const spec of values['dns-server'] ?? []) {
    const parsed = parseDnsServer(spec);
    if ('error' in parsed) throw new UsageError(`--dns-server: ${parsed.error}`);
  }
  return { port, collector };
}

/** `--snapshot FILE`, read and checked, as the API serves it. */
async function openSaved(path: string): Promise<{ json: string; name: string }> {
  const opened = await readSnapshotFile(path, undefined, { wholePath: true });
  if (!opened.ok) throw new CliError(opened.error);
  for (const w of opened.warnings) process.stderr.write(terminalSafe(`sockeye: warning: ${w}`) + '\n');
  // The file's host name and time are anyone's text: escaped before they reach the terminal.
  process.stderr.write(
    terminalSafe(
      `sockeye: serving the saved snapshot ${opened.name} (taken ${opened.snapshot.takenAt} on ${opened.snapshot.host.hostname}); live refresh is off`,
    ) + '\n',
  );
  return { json: JSON.stringify(opened.snapshot), name: opened.name };
}

/** The API's documents: this host's, from the snapshot worker; or the saved file's, made once. */
function apiDocuments(snapshots: SnapshotService, saved: { json: string } | undefined): ReadOnlyApi['document'] {
  if (!saved) return (what) => snapshots.takeApi(what);
  const made = new Map<ApiDocument, string>();
  return async (what) => {
    if (what === 'snapshot') return saved.json;
    let text = made.get(what);
    if (text === undefined) {
      text = formatMetrics({ snapshot: JSON.parse(saved.json) as Snapshot, durationMs: 0 }, what);
      made.set(what, text);
    }
    return text;
  };
}

/** The API token, from --token-file or new; said on stderr where it came from. */
async function apiToken(file: string | undefined): Promise<string> {
  try {
    const { token, created } = await loadApiToken(file);
    if (file !== undefined) {
      process.stderr.write(
        terminalSafe(`sockeye: API token ${created ? 'written to a new file (mode 0600)' : 'read from'} ${file}`) +
          '\n',
      );
    }
    return token;
  } catch (err) {
    if (err instanceof ApiTokenError) throw new CliError(err.message);
    throw err;
  }
}

function listenError(e: NodeJS.ErrnoException, host: string, port: number): CliError {
  if (e.code === 'EADDRINUSE') return new CliError(`port ${port} on ${host} is in use (try --port 0)`);
  if (e.code === 'EADDRNOTAVAIL') return new CliError(`cannot bind ${host}: not an address of this machine`);
  return new CliError(`cannot listen on ${host}:${port}: ${e.message}`);
}

function warnNotLoopback(host: string): void {
  process.stderr.write(
    terminalSafe(
      `sockeye: listening on ${host}: anyone who can reach it and has the link can see this machine's connections, ` +
        'and the link and the session travel over plain HTTP (unencrypted): prefer 127.0.0.1 and ssh -L',
    ) + '\n',
  );
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('serve', HELP, argv, {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '7777' },
    collector: { type: 'string' },
    snapshot: { type: 'string' },
    filter: { type: 'string' },
    'dns-server': { type: 'string', multiple: true },
    'allow-actions': { type: 'boolean' },
    'token-file': { type: 'string' },
    record: { type: 'boolean' },
    db: { type: 'string' },
    'record-every': { type: 'string' },
  });
  if (!parsed) return 0;
  const { values } = parsed;
  const { port, collector } = checkOptions(values);
  const historyOpts = checkHistoryOptions(values);
  if (values.snapshot !== undefined && historyOpts.record)
    throw new UsageError('--record records this host; --snapshot serves a saved file: choose one');
  const saved = values.snapshot === undefined ? undefined : await openSaved(values.snapshot);
  const token = await apiToken(values['token-file']);

  const rendererDir = findRendererDir();
  if (!rendererDir) throw new CliError('the UI is not built: run `npm run build:app` in the Sockeye folder');

  const snapshots = createSnapshotService({ collector, inWorker: true });
  const dns = new DnsService({ servers: values['dns-server'] });
  const onError = (m: string) => process.stderr.write(`sockeye: ${m}\n`);
  const actions = serveActions({ allowActions: values['allow-actions'] === true, saved: saved !== undefined, onError });
  const backend = createApiBackend({ snapshots, saved, dns: dnsProvider(dns), actions: actions.handlers, onError });
  if (!saved) await startServeHistory(snapshots, backend.live, historyOpts);
  let server: RunningServer | undefined;
  // The UI reads its starting filter from the page's query, next to the code.
  const shown = (url: string) => (values.filter ? `${url}&filter=${encodeURIComponent(values.filter)}` : url);
  try {
    server = await startServer({
      host: values.host!,
      port,
      rendererDir,
      backend,
      // A link was used: the next tab or browser needs the new one, on a line of its own.
      onNewCode: (code) => {
        process.stderr.write('sockeye: a browser opened the link; for another tab or browser use:\n');
        if (server) process.stdout.write(`${shown(server.link(code))}\n`);
      },
      log: (l) => process.stderr.write(terminalSafe(`sockeye: ${l}`) + '\n'),
      actionGate: actions.gate,
      api: { token, document: apiDocuments(snapshots, saved) },
    });
  } catch (err) {
    dns.close();
    await snapshots.close();
    throw listenError(err as NodeJS.ErrnoException, values.host!, port);
  }
  // Listen for Ctrl-C before the URL is out: whoever reads the URL may stop us at once.
  const stopped = new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // Said before the URL is out: whoever reads the URL may act at once.
  if (actions.warning) process.stderr.write(`sockeye: ${actions.warning}\n`);
  // The link stays the first line; the token, when made for this run only, follows on its own.
  const tokenLine = values['token-file'] === undefined ? `API token: ${token}\n` : '';
  process.stdout.write(`${shown(server.url)}\n${tokenLine}`);
  if (!isLoopbackHost(values.host!)) warnNotLoopback(values.host!);

  await stopped;
  // Lookups still in flight are cancelled, not waited for; a turn of the event loop lets their
  // callers hear so before the connections close.
  dns.close();
  await new Promise((r) => setImmediate(r));
  await server.close();
  await snapshots.close();
  return 0;
}
