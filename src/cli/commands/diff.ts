/**
 * `sockeye diff A.json B.json [--json]`: what changed from snapshot A to snapshot B.
 */
import { parseCommandArgs } from '../args';
import { readSnapshotFile } from '../../node/files/readSnapshotFile';
import { diffSnapshots } from '../../common/snapshot/snapshotDiff';
import { formatDiff } from '../text/diffText';
import { terminalSafe } from '../text/terminalText';
import { CliError, UsageError } from '../errors';
import { writeOutput } from '../output';
import { DB_OPTION, historyPath, momentOption, openForReading } from '../historyOptions';
import type { Snapshot } from '../../common/model/model';

const HELP = `usage: sockeye diff A B [--json] [--include-closing] [--db FILE]

Compare two saved snapshots (sockeye snapshot --json -o FILE): listeners opened and closed,
connections added and removed, processes that appeared, vanished or changed role, and remote
hosts seen for the first time. Sockets are matched by protocol, endpoints and pid.
A and B are saved snapshot files, or moments of the recorded history written @TIME
(@-1h, @'yesterday 03:00', @2026-12-01T03:00:00Z, @now), read from --db FILE
(default $XDG_STATE_HOME/sockeye/history.db).
  --json             the diff as JSON: {from, to, added: {sockets, processes}, removed: {…}, changed: {processes}, ignored}
  --include-closing  compare closing sockets (TIME_WAIT, FIN_WAIT, CLOSE_WAIT …) too; left out by default
Exit status: 0 when compared (changes or not), 1 when a file cannot be read, 2 for bad usage.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    'diff',
    HELP,
    argv,
    { json: { type: 'boolean' }, 'include-closing': { type: 'boolean' }, ...DB_OPTION },
    true,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 2)
    throw new UsageError(
      `diff takes two snapshot files, A and B (got ${positionals.length}; see 'sockeye diff --help')`,
    );
  const [a, b] = await Promise.all(positionals.map((p) => open(p, values.db)));
  const diff = diffSnapshots(a!, b!, { includeClosing: values['include-closing'] === true });
  const text = values.json
    ? JSON.stringify(diff, null, process.stdout.isTTY ? 2 : undefined) + '\n'
    : terminalSafe(formatDiff(diff, a!, b!));
  await writeOutput(text, undefined);
  return 0;
}

/** A snapshot file, or `@TIME` from the history database. */
async function open(arg: string, db: string | undefined): Promise<Snapshot> {
  if (!arg.startsWith('@')) {
    const file = await readSnapshotFile(arg, undefined, { wholePath: true });
    if (!file.ok) throw new CliError(file.error, 1);
    for (const w of file.warnings) process.stderr.write(terminalSafe(`sockeye: warning: ${w}`) + '\n');
    return file.snapshot;
  }
  const at = momentOption(arg.slice(1), arg);
  const { snapshotAt } = await import('../../node/history/historyReader');
  const history = openForReading(historyPath(db));
  try {
    const snapshot = snapshotAt(history, at);
    if (!snapshot) throw new CliError(`nothing recorded at or before ${arg} (${new Date(at).toISOString()})`, 1);
    return snapshot;
  } finally {
    history.close();
  }
}
