// Placeholder until the 'serve' command lands.
import { CliError } from '../errors';

export async function run(_argv: string[]): Promise<number> {
  throw new CliError("'serve' is not available in this build yet");
}
