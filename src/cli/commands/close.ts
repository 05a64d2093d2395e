/**
 * `sockeye close FILTER [--yes]`: close the established TCP connections the filter selects
 * (Linux, SOCK_DESTROY through `ss -K`). Lists them and asks first. Exit 0 when every one was
 * closed (or was already gone), 1 when one was not or none matched, 2 for bad usage.
 */
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import { confirmLogged } from '../confirm';
import { cliRecorder } from '../actionRecorder';
import { terminalSafe } from '../text/terminalText';
import { formatFilterError, tryParseFilter, filterSnapshot } from '../../common/filter';
import { closableConnections, closeTargetText } from '../../common/actions/closePlan';
import { createSnapshotService } from '../../node/snapshot/snapshotService';
import { closeConnections, closeSupport } from '../../node/actions/closeConnections';

const HELP = `usage: sockeye close FILTER [--yes]

Close the established TCP connections FILTER selects (the filter language of 'snapshot --filter',
e.g. 'rport:5432 proc:worker'). Each gets a reset: its owner sees ECONNABORTED, the peer ECONNRESET.
Lists them and asks first.
  -y, --yes   do not ask (without it and without a terminal, close refuses: exit 2)
Linux only: it needs CAP_NET_ADMIN (root) and a kernel with CONFIG_INET_DIAG_DESTROY, and uses
ss from iproute2. macOS has no such call; on Windows this build does not offer it.
Exit status: 0 every connection closed (or already gone), 1 one was not or none matched, 2 bad usage.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('close', HELP, argv, { yes: { type: 'boolean', short: 'y' } }, true);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length ? 'quote the filter as one argument' : "say which connections: sockeye close 'rport:5432'",
    );
  const expr = positionals[0]!;
  const filter = tryParseFilter(expr);
  if (filter.error) throw new UsageError(formatFilterError(expr, filter.error));

  const service = createSnapshotService();
  const snapshot = await service.take();
  await service.close();
  const targets = closableConnections(filterSnapshot(snapshot, filter.ast));
  if (targets.length === 0) throw new CliError(`no established TCP connection matches \`${expr}\``);
  process.stderr.write(
    terminalSafe(
      `Closing will reset ${targets.length} connection(s):\n${targets.map((t) => `  ${closeTargetText(t)}`).join('\n')}\n`,
    ),
  );
  const recorder = cliRecorder();
  const logEach = async (outcome: string, message: string) => {
    for (const t of targets)
      await recorder.record({
        action: 'close',
        signal: null,
        target: { pid: t.pid, startedAt: null, label: t.label },
        connection: closeTargetText(t),
        client: null,
        outcome,
        message,
      });
  };
  const support = closeSupport();
  if (!support.supported) {
    await logEach('refused', support.note);
    throw new CliError(`cannot close: ${support.note}`);
  }
  const question = `Close ${targets.length === 1 ? 'it' : `these ${targets.length}`}?`;
  if (!(await confirmLogged(question, values.yes, 'close', logEach))) {
    process.stderr.write('sockeye: nothing closed\n');
    return 1;
  }
  const result = await closeConnections(targets);
  let ok = true;
  for (const r of result.results) {
    await recorder.record({
      action: 'close',
      signal: null,
      target: { pid: r.connection.pid, startedAt: null, label: r.connection.label },
      connection: closeTargetText(r.connection),
      client: null,
      outcome: r.outcome,
      message: r.message,
    });
    process.stdout.write(terminalSafe(`${closeTargetText(r.connection)}: ${r.message}\n`));
    if (r.outcome !== 'closed' && r.outcome !== 'gone') ok = false;
  }
  if (result.missing) process.stderr.write(`sockeye: missing ${result.missing}\n`);
  return ok ? 0 : 1;
}
