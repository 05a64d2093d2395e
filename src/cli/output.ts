/**
 * Where CLI output goes: standard output, or a file written atomically (temporary file in the
 * same folder, then rename), so an interrupted run never leaves a half-written file behind.
 * Output may come in pieces (see snapshotJsonPieces): each is written as soon as it is made.
 */
import { writeFileAtomic } from '../node/files/atomicWrite';
import { CliError } from './errors';

export async function writeOutput(text: string | Iterable<string>, outPath: string | undefined): Promise<void> {
  if (outPath === undefined || outPath === '-') {
    await writePieces(process.stdout, typeof text === 'string' ? [text] : text);
    return;
  }
  try {
    await writeFileAtomic(outPath, typeof text === 'string' ? text : [...text].join(''));
  } catch (err) {
    // A full disk or a refused rename is the user's to fix, not our bug: one plain line.
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
}

/** Writes every piece, waiting whenever the stream asks to (a slow reader on a pipe), then for the last. */
async function writePieces(out: NodeJS.WritableStream, pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) {
    if (out.write(piece)) continue;
    await new Promise<void>((resolve, reject) => {
      const settle = (err?: Error) => {
        out.off('drain', settle);
        out.off('error', settle);
        if (err) reject(err);
        else resolve();
      };
      out.on('drain', settle);
      out.on('error', settle);
    });
  }
  await new Promise<void>((resolve, reject) => out.write('', (err) => (err ? reject(err) : resolve())));
}
