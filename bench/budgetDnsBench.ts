/**
 * `BENCH=budgetDns npm run bench`: `sockeye dns lookup … --timeout 10000` against the tests' DNS
 * server on loopback — a name answered 6 s after it is first asked, a silent one, and a truncated
 * UDP answer whose TCP retry is refused — printing the time waited and what was said.
 * SOCKEYE_BIN points at another build to compare. (The server runs here: the command must be
 * spawned asynchronously, or the server could not answer.)
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { startDnsServer } from '../test/support/dnsServer';

const run = promisify(execFile);
const bin = process.env.SOCKEYE_BIN ?? resolve(process.cwd(), 'bin/sockeye.mjs');

type Result = { elapsedMs: number; answers: { value: string }[]; error: { code: string; message: string } | null };

async function main(): Promise<void> {
  const srv = await startDnsServer();
  const udpOnly = await startDnsServer({ tcp: false });
  const cases: [string, string][] = [
    ['late.sockeye.test', srv.address],
    ['silent.sockeye.test', srv.address],
    ['big.sockeye.test', udpOnly.address],
  ];
  for (const [name, server] of cases) {
    const t0 = Date.now();
    const args = [bin, 'dns', 'lookup', name, '--server', server, '--timeout', '10000', '--json'];
    const r = await run(process.execPath, args).catch((e: { stdout: string }) => e);
    const doc = JSON.parse(r.stdout) as Result;
    const said = doc.error
      ? `${doc.error.code}: ${doc.error.message}`
      : `answer ${doc.answers.map((a) => a.value).join(', ')}`;
    process.stdout.write(`${name} --timeout 10000: wall ${Date.now() - t0} ms, elapsedMs ${doc.elapsedMs}, ${said}\n`);
  }
  await srv.close();
  await udpOnly.close();
}

await main();
