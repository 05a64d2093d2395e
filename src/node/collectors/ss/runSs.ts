/** Running `ss` (iproute2) without a shell; null when it is missing or fails, so callers fall back. */
import { execFile } from 'node:child_process';

export function runSs(args: string[], timeoutMs = 5000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      'ss',
      args,
      { encoding: 'utf8', maxBuffer: 1 << 28, timeout: timeoutMs, env: { ...process.env, LC_ALL: 'C' } },
      (err, stdout) => resolve(err ? null : stdout),
    );
  });
}
