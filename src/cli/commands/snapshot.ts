/**
 * `sockeye snapshot [--json|--csv|--html] [-o FILE] [--collector procfs|systeminformation] [--filter EXPR]`
 */
import { parseArgs } from 'node:util';
import { CollectorNameSchema, type Snapshot } from '../../shared/model';
import { createSnapshotService } from '../../main/core/snapshotService';
import { formatSocketTable } from '../socketTable';
import { UsageError } from '../errors';

const HELP = `usage: sockeye snapshot [--json | --csv | --html] [-o FILE] [--collector procfs|systeminformation] [--filter EXPR]

Print one snapshot of this host's sockets, processes and addresses.
  --json         the sockeye.snapshot/1 document (indented when printing to a terminal)
  --csv          one row per socket with its process columns, header row first
  --html         a self-contained report
  -o, --output   write to FILE atomically instead of standard output
  --collector    force a collector (default: procfs on Linux, systeminformation elsewhere)
  --filter EXPR  keep only what matches the filter expression (same language as the UI's filter box)`;

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        html: { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        collector: { type: 'string' },
        filter: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message} (see 'sockeye snapshot --help')`);
  }
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const formats = [values.json, values.csv, values.html].filter(Boolean).length;
  if (formats > 1) throw new UsageError('choose one of --json, --csv, --html');
  let collector;
  if (values.collector !== undefined) {
    const parsed = CollectorNameSchema.safeParse(values.collector);
    if (!parsed.success) throw new UsageError(`unknown collector '${values.collector}' (procfs or systeminformation)`);
    collector = parsed.data;
  }

  const service = createSnapshotService({ collector });
  const snapshot: Snapshot = await service.take();
  await service.close();
  if (values.filter !== undefined) throw new UsageError('--filter is not available in this build yet');
  for (const warning of snapshot.warnings) process.stderr.write(`sockeye: warning: ${warning}\n`);

  let text: string;
  if (values.json) text = JSON.stringify(snapshot, null, process.stdout.isTTY && !values.output ? 2 : undefined) + '\n';
  else if (values.csv) text = (await import('../../shared/export/csv')).snapshotToCsv(snapshot);
  else if (values.html) throw new UsageError('--html is not available in this build yet');
  else text = formatSocketTable(snapshot);
  await (await import('../output')).writeOutput(text, values.output);
  return 0;
}
