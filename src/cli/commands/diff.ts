// Placeholder until the 'diff' command lands.
import { CliError } from '../errors';

export async function run(_argv: string[]): Promise<number> {
  throw new CliError("'diff' is not available in this build yet");
}
