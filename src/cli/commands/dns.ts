// Placeholder until the 'dns' command lands.
import { CliError } from '../errors';

export async function run(_argv: string[]): Promise<number> {
  throw new CliError("'dns' is not available in this build yet");
}
