/**
 * `sockeye port PORT [--udp] [--json]`: who holds a port. Exit 0 held, 1 free, 2 bad usage.
 * `sockeye port --free [FROM-TO] [--udp] [--json]`: the first port this host can bind on 0.0.0.0 and ::.
 * `sockeye port PORT --wait-free [--timeout S]`: wait until it can be bound (0), or time out (1).
 */
import { parseCommandArgs } from '../args';
import { UsageError } from '../errors';
import { parseSeconds } from '../confirm';
import { terminalSafe } from '../text/terminalText';
import { endpointText } from '../../common/text/endpointText';
import { parsePortRange, parsePortText, portReport, type PortReport } from '../../common/actions/portQuery';
import { checkPort, findFreePort, waitPortFree } from '../../node/actions/portCheck';
import { createSnapshotService } from '../../node/snapshot/snapshotService';
import type { Protocol } from '../../common/model/model';

const HELP = `usage: sockeye port PORT [--udp] [--json]
       sockeye port --free [FROM-TO] [--udp] [--json]
       sockeye port PORT --wait-free [--timeout S] [--udp]

Who holds a port: every socket bound to it (any address, IPv4 and IPv6) with its holders
(pid, label, user), side and reach.
  --udp          UDP instead of TCP
  --json         { port, protocol, held, sockets: [{ family, localAddress, state, remoteAddress,
                 remotePort, side, listening, exposure, holders: [{ pid, label, user }] }] }
  --free         print the first port in FROM-TO (default 1024-65535) that binds on both 0.0.0.0
                 and :: right now (checked by binding, not read from the table)
  --wait-free    wait until PORT can be bound, polling every 200 ms
  --timeout S    give up waiting after S seconds (default 30)
Exit status: 0 held (--free: found; --wait-free: freed), 1 free (--free: none; --wait-free: timed out), 2 bad usage.`;

function formatReport(r: PortReport): string {
  if (!r.held) return `${r.port}/${r.protocol} is free: no socket is bound to it\n`;
  const lines = [`${r.port}/${r.protocol} is held:`];
  for (const s of r.sockets) {
    const holders = s.holders
      .map((h) =>
        h.pid === null
          ? 'owner hidden (another user’s process: run elevated to see it)'
          : `${h.label ?? 'pid'} (pid ${h.pid}${h.user ? `, user ${h.user}` : ''})`,
      )
      .join(', ');
    const peer = s.remoteAddress === null ? '' : ` ← ${endpointText(s.remoteAddress, s.remotePort)}`;
    const reach = s.exposure ? `  reachable from: ${s.exposure}` : '';
    lines.push(
      `  ${endpointText(s.localAddress, r.port)}${peer}  ${s.state ?? '—'}  ${s.side ?? '—'}${reach}  ${holders}`,
    );
  }
  return lines.join('\n') + '\n';
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    'port',
    HELP,
    argv,
    {
      udp: { type: 'boolean' },
      json: { type: 'boolean' },
      free: { type: 'boolean' },
      'wait-free': { type: 'boolean' },
      timeout: { type: 'string' },
    },
    true,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const protocol: Protocol = values.udp ? 'udp' : 'tcp';
  if (positionals.length > 1) throw new UsageError(`one port at a time (unexpected '${positionals[1]}')`);
  if (values.free) {
    if (values['wait-free']) throw new UsageError('--free and --wait-free do not go together');
    const range = parsePortRange(positionals[0]);
    if ('error' in range) throw new UsageError(range.error);
    const port = await findFreePort(range.from, range.to, protocol);
    if (values.json) process.stdout.write(JSON.stringify({ port, protocol }) + '\n');
    else if (port !== null) process.stdout.write(`${port}\n`);
    else
      process.stderr.write(
        `sockeye: no ${protocol} port in ${range.from}-${range.to} is free on both 0.0.0.0 and ::\n`,
      );
    return port === null ? 1 : 0;
  }
  if (positionals[0] === undefined)
    throw new UsageError("say which port: 'sockeye port 3000', or 'sockeye port --free'");
  const target = parsePortText(positionals[0]);
  if (!target) throw new UsageError(`a port is 1–65535, not '${positionals[0]}'`);
  if (values.timeout !== undefined && !values['wait-free']) throw new UsageError('--timeout goes with --wait-free');
  if (values['wait-free']) {
    const timeoutMs = parseSeconds(values.timeout, 30_000, 86_400);
    const freed = await waitPortFree(target.port, protocol, timeoutMs);
    if (!freed)
      process.stderr.write(`sockeye: ${target.port}/${protocol} is still in use after ${timeoutMs / 1000} s\n`);
    return freed ? 0 : 1;
  }
  const service = createSnapshotService();
  const snapshot = await service.take();
  await service.close();
  const report = portReport(snapshot, target.port, protocol);
  if (values.json) {
    process.stdout.write(JSON.stringify(report, null, process.stdout.isTTY ? 2 : undefined) + '\n');
  } else {
    let text = formatReport(report);
    if (!report.held) {
      const bind = await checkPort(target.port, protocol);
      text += bind.free
        ? `  (it binds on 0.0.0.0 and ::: a program can listen on it now)\n`
        : `  (but binding it says 0.0.0.0: ${bind.ipv4}, ::: ${bind.ipv6})\n`;
    }
    process.stdout.write(terminalSafe(text));
  }
  return report.held ? 0 : 1;
}
