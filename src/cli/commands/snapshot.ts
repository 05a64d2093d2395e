/**
 * `sockeye snapshot [--json|--csv|--html] [-o FILE] [--collector procfs|systeminformation] [--filter EXPR]`
 */
import type { Snapshot } from '../../common/model/model';
import { parseCommandArgs } from '../args';
import { createSnapshotService } from '../../node/snapshot/snapshotService';
import { formatSocketTable, formatUnixTable } from '../text/socketTable';
import { terminalField, terminalSafe } from '../text/terminalText';
import { collectorOption } from '../collectorOption';
import { UsageError } from '../errors';
import type { FilterAst } from '../../common/filter';
import { parseDuration } from '../../common/traffic/trafficFormat';

const HELP = `usage: sockeye snapshot [--json | --csv | --html] [--mask] [-o FILE] [--collector procfs|systeminformation] [--filter EXPR] [--unix]

Print one snapshot of this host's sockets, processes and addresses.
  --json         the sockeye.snapshot/1 document (indented when printing to a terminal)
  --csv          one row per socket with its process columns, header row first
  --html         a self-contained report (readable offline, no scripts)
  --mask         replace public IPs, host and user names, command lines and paths by tokens
  -o, --output   write to FILE atomically instead of standard output
  --collector    force a collector (default: procfs on Linux, systeminformation elsewhere)
  --filter EXPR  keep only what matches the filter expression (same language as the UI's filter box)
  --rates DUR    take two samples DUR apart (e.g. 2s, 500ms) and add send/receive rates per socket,
                 process, remote host, edge and interface
  --unix         add the Unix domain sockets to the table (--json always has them)`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('snapshot', HELP, argv, {
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    html: { type: 'boolean' },
    mask: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    collector: { type: 'string' },
    filter: { type: 'string' },
    rates: { type: 'string' },
    unix: { type: 'boolean' },
  });
  if (!parsed) return 0;
  const { values } = parsed;
  const formats = [values.json, values.csv, values.html].filter(Boolean).length;
  if (formats > 1) throw new UsageError('choose one of --json, --csv, --html');
  if (values.mask && formats === 0) throw new UsageError('--mask goes with --json, --csv or --html');
  const collector = collectorOption(values.collector);
  // Checked before collecting: a typo should not cost a snapshot.
  let filter: FilterAst | null = null;
  // Loaded only with --filter: the filter language pulls in the model's zod schemas.
  const filtering = values.filter !== undefined ? await import('../../common/filter') : null;
  if (filtering && values.filter !== undefined) {
    const { tryParseFilter, formatFilterError } = filtering;
    const parsed = tryParseFilter(values.filter);
    if (parsed.error) throw new UsageError(formatFilterError(values.filter, parsed.error));
    filter = parsed.ast;
  }

  let ratesMs: number | null = null;
  if (values.rates !== undefined) {
    ratesMs = parseDuration(values.rates);
    if (ratesMs === null || ratesMs > 3_600_000)
      throw new UsageError(`--rates wants a duration such as 2s or 500ms (at most 1h), not '${values.rates}'`);
  }

  const service = createSnapshotService({ collector });
  let whole: Snapshot = await service.take();
  if (ratesMs !== null) {
    // The second sample's rates cover the time since the first (closed connections included).
    await new Promise((r) => setTimeout(r, ratesMs));
    whole = await service.take();
  }
  await service.close();
  const snapshot = filter && filtering ? filtering.filterSnapshot(whole, filter) : whole;
  for (const warning of snapshot.warnings) process.stderr.write(`sockeye: warning: ${terminalField(warning)}\n`);

  let text: string | Iterable<string>;
  const format = values.json ? 'json' : values.csv ? 'csv' : values.html ? 'html' : null;
  if (format) {
    const pretty = process.stdout.isTTY === true && !values.output;
    text = (await import('../../common/export/exportSnapshot')).exportSnapshotPieces(snapshot, {
      format,
      mask: values.mask,
      pretty,
    });
  } else {
    // Unix sockets are many (every desktop program holds dozens): in the table only when asked.
    text = terminalSafe(formatSocketTable(snapshot) + (values.unix ? formatUnixTable(snapshot) : ''));
  }
  await (await import('../output')).writeOutput(text, values.output);
  return 0;
}
