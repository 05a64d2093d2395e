/**
 * `sockeye` command entry: dispatches to a subcommand module. Each subcommand exports
 * `run(argv): Promise<number>` (the exit code) and throws CliError/UsageError for failures,
 * which are printed here as one line on stderr.
 */
import { CliError } from './errors';
import { terminalField } from './text/terminalText';

const USAGE = `usage: sockeye <command> [options]

commands:
  snapshot   print a snapshot of this host's sockets, processes and addresses
  top        live view of who sends and receives the most (processes, connections, remote hosts)
  dns        resolve names and addresses (dns lookup NAME, dns reverse IP)
  diff       compare two saved snapshots, or two recorded moments (@TIME)
  fleet      several hosts' snapshots (sockeye serve URLs, saved files) and the connections between them
  serve      serve the Sockeye UI to a browser over a token-protected WebSocket
  port       who holds a port; --free finds a free one, --wait-free waits for one
  kill       stop a process (a pid, or :PORT for whoever listens there), asking first
  close      close established TCP connections a filter selects (Linux), asking first
  record     record history (listeners, connections, processes) into a database
  history    what was recorded: the host at a moment, or the events in a span
  watch      print changes as they happen; alert on new listeners (exit 3 with --exit-on-alert)

Run 'sockeye <command> --help' or 'sockeye help <command>' for a command's options.`;

type Command = { run(argv: string[]): Promise<number> };

const commands: Record<string, () => Promise<Command>> = {
  snapshot: () => import('./commands/snapshot'),
  top: () => import('./commands/top'),
  dns: () => import('./commands/dns'),
  diff: () => import('./commands/diff'),
  fleet: () => import('./commands/fleet'),
  serve: () => import('./commands/serve'),
  port: () => import('./commands/port'),
  kill: () => import('./commands/kill'),
  close: () => import('./commands/close'),
  record: () => import('./commands/record'),
  history: () => import('./commands/history'),
  watch: () => import('./commands/watch'),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // Bad usage: the usage goes to stderr, as the error it is.
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  if (name === 'help' && rest[0] !== undefined) {
    const topic = commands[rest[0]];
    if (!topic) throw new CliError(`no help for '${rest[0]}' (try: ${Object.keys(commands).join(', ')})`, 2);
    return (await topic()).run(['--help']);
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write('sockeye 0.1.0\n');
    return 0;
  }
  const load = commands[name];
  if (!load) throw new CliError(`unknown command '${name}' (try: ${Object.keys(commands).join(', ')})`, 2);
  return (await load()).run(rest);
}

// A reader that goes away early (`sockeye snapshot | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

/**
 * A command is over when its promise settles: exit once output has drained. Some work cannot be
 * cancelled (getaddrinfo behind dns.lookup keeps retrying a dead resolver for seconds after our
 * own time limit answered), and it must not hold the process past the answer.
 */
function finish(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(finish, (err: unknown) => {
  if (err instanceof CliError) {
    // Messages name files and hosts anyone can choose: one line, no control characters.
    process.stderr.write(`sockeye: ${terminalField(err.message)}\n`);
    finish(err.exitCode);
  } else {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`sockeye: unexpected error: ${terminalField(message)}\n`);
    if (process.env.SOCKEYE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    finish(1);
  }
});
