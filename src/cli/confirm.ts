/**
 * Asking before acting on the command line: with --yes, go ahead; on a terminal, ask and wait
 * for "y"; with no terminal to ask on (a script, a pipe), refuse with exit 2 rather than guess.
 */
import { createInterface } from 'node:readline/promises';
import { UsageError } from './errors';

export async function confirmAction(question: string, yes: boolean | undefined, command: string): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY || !process.stderr.isTTY)
    throw new UsageError(`${command} asks before acting and there is no terminal to ask on: add --yes to go ahead`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/**
 * `confirmAction`, with the answer logged when it is not a yes: `refused` when there is no
 * terminal to ask on (the UsageError still ends the command), `cancelled` when the user says no.
 */
export async function confirmLogged(
  question: string,
  yes: boolean | undefined,
  command: string,
  log: (outcome: 'refused' | 'cancelled', message: string) => Promise<void>,
): Promise<boolean> {
  let go: boolean;
  try {
    go = await confirmAction(question, yes, command);
  } catch (err) {
    if (err instanceof UsageError) await log('refused', err.message);
    throw err;
  }
  if (!go) await log('cancelled', 'the user answered no');
  return go;
}

/** `--timeout S` in seconds (fractions allowed) within a command's bounds, as milliseconds. */
export function parseSeconds(raw: string | undefined, fallbackMs: number, maxSeconds: number): number {
  if (raw === undefined) return fallbackMs;
  const s = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || s > maxSeconds)
    throw new UsageError(`--timeout must be 0–${maxSeconds} seconds, not '${raw}'`);
  return Math.round(s * 1000);
}
