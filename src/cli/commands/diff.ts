/**
 * `sockeye diff A.json B.json [--json]`: what changed from snapshot A to snapshot B.
 */
import { parseCommandArgs } from '../args';
import { readSnapshotFile } from '../../main/core/readSnapshotFile';
import { diffSnapshots } from '../../shared/snapshotDiff';
import { formatDiff } from '../diffText';
import { terminalSafe } from '../terminalText';
import { CliError, UsageError } from '../errors';
import { writeOutput } from '../output';

const HELP = `usage: sockeye diff A.json B.json [--json] [--include-closing]

Compare two saved snapshots (sockeye snapshot --json -o FILE): listeners opened and closed,
connections added and removed, processes that appeared, vanished or changed role, and remote
hosts seen for the first time. Sockets are matched by protocol, endpoints and pid.
  --json             the diff as JSON: {from, to, added: {sockets, processes}, removed: {…}, changed: {processes}, ignored}
  --include-closing  compare closing sockets (TIME_WAIT, FIN_WAIT, CLOSE_WAIT …) too; left out by default
Exit status: 0 when compared (changes or not), 1 when a file cannot be read, 2 for bad usage.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    'diff',
    HELP,
    argv,
    { json: { type: 'boolean' }, 'include-closing': { type: 'boolean' } },
    true,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 2)
    throw new UsageError(
      `diff takes two snapshot files, A and B (got ${positionals.length}; see 'sockeye diff --help')`,
    );
  const read = (path: string) => readSnapshotFile(path, undefined, { wholePath: true });
  const [a, b] = await Promise.all([read(positionals[0]!), read(positionals[1]!)]);
  if (!a.ok) throw new CliError(a.error, 1);
  if (!b.ok) throw new CliError(b.error, 1);
  const diff = diffSnapshots(a.snapshot, b.snapshot, { includeClosing: values['include-closing'] === true });
  const text = values.json
    ? JSON.stringify(diff, null, process.stdout.isTTY ? 2 : undefined) + '\n'
    : terminalSafe(formatDiff(diff, a.snapshot, b.snapshot));
  await writeOutput(text, undefined);
  return 0;
}
