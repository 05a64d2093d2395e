/**
 * Where CLI output goes: standard output, or a file written atomically (temporary file in the
 * same folder, then rename), so an interrupted run never leaves a half-written file behind.
 */
import { writeFileAtomic } from '../main/core/atomicWrite';

export async function writeOutput(text: string, outPath: string | undefined): Promise<void> {
  if (outPath === undefined || outPath === '-') {
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
    return;
  }
  await writeFileAtomic(outPath, text);
}
