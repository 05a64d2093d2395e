/**
 * Every subcommand parses its options the same way: strict node:util parseArgs, a bad option is
 * a UsageError (exit 2) that points at the command's --help, and --help prints the command's text.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

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
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals,
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message} (see 'sockeye ${command} --help')`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(help + '\n');
    return null;
  }
  return parsed;
}
