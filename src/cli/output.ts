/**
 * Where CLI output goes: standard output, or a file written atomically (temporary file in the
 * same folder, then rename), so an interrupted run never leaves a half-written file behind.
 */
import { writeFileAtomic } from '../main/core/atomicWrite';
import { CliError } from './errors';

export async function writeOutput(text: string, outPath: string | undefined): Promise<void> {
  if (outPath === undefined || outPath === '-') {
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
    return;
  }
  try {
    await writeFileAtomic(outPath, text);
  } catch (err) {
    // A full disk or a refused rename is the user's to fix, not our bug: one plain line.
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
}
