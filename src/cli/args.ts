/**
 * Every subcommand parses its options the same way: strict node:util parseArgs, a bad option is
 * a UsageError (exit 2, one line) that points at the command's --help, and --help prints the
 * command's text. A value may start with '-' (`--filter '-state:time_wait'`, the filter's NOT).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `--opt -value` → `--opt=-value` for options that take a value: parseArgs refuses a value
 * starting with '-' unless written inline, but the README's own filters begin with one.
 */
export function joinDashValues(argv: readonly string[], options: Options): string[] {
  const takesValue = new Map<string, string>();
  for (const [name, o] of Object.entries(options)) {
    if (o.type !== 'string') continue;
    takesValue.set(`--${name}`, name);
    if (o.short) takesValue.set(`-${o.short}`, name);
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const name = takesValue.get(a);
    const next = argv[i + 1];
    if (name !== undefined && next !== undefined && next.startsWith('-') && next !== '--') {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** parseArgs' several-sentence messages as one line of our own. */
function usageMessage(err: Error & { code?: string }): string {
  // "Option '-t, --type <value>' argument missing": the long name when there is one.
  const quoted = /'(?:-\w, )?([^' ]+)[^']*'/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${quoted ?? '?'}'`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted ?? '?'}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(err.message)
        ? `option '${quoted ?? '?'}' needs a value`
        : `option '${quoted ?? '?'}' takes no value`;
    default:
      return err.message.split('\n')[0]!.replace(/\.$/, '');
  }
}

/** Parsed options, or null when --help was asked for (and printed). */
export function parseCommandArgs<O extends Options>(
  command: string,
  help: string,
  argv: string[],
  options: O,
  allowPositionals = false,
) {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinDashValues(argv, options),
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals,
    });
  } catch (err) {
    throw new UsageError(`${usageMessage(err as Error)} (see 'sockeye ${command} --help')`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(help + '\n');
    return null;
  }
  return parsed;
}
