/**
 * `BENCH=serveFuzz npm run bench`: random request targets, headers and cookies (the same
 * arbitraries as test/integration/serveHardening.test.ts) sent to a real `sockeye serve`
 * before authentication; every time serve dies it is counted and started again. SOCKEYE_BIN
 * points at another build (an older checkout) to compare. Prints requests tried and crashes.
 */
import fc from 'fast-check';
import { resolve } from 'node:path';
import { rawRequest, requestHead } from '../test/support/rawHttp';
import { headers, method, target } from '../test/support/hostileRequests';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const N = Number(process.env.FUZZ_REQUESTS ?? 500);
const bin = process.env.SOCKEYE_BIN ?? resolve(process.cwd(), 'bin/sockeye.mjs');
interface Serve {
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startServe(): Promise<Serve> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout! }).once('line', res);
    child.once('exit', (code) => rej(new Error(`sockeye serve exited (${code})`)));
  });
  return {
    port: Number(new URL(url).port),
    child,
    stop: async () => {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

const UPGRADE: [string, string][] = [
  ['Connection', 'Upgrade'],
  ['Upgrade', 'websocket'],
  ['Sec-WebSocket-Version', '13'],
  ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
];

async function main(): Promise<void> {
  const samples = fc.sample(fc.tuple(target, headers, method, fc.boolean()), { numRuns: N, seed: 18 });
  let serve: Serve = await startServe();
  let crashes = 0;
  const killers = new Set<string>();
  for (const [t, hs, m, up] of samples) {
    const base: [string, string][] = hs.some(([k]) => k === 'Host') ? [] : [['Host', `127.0.0.1:${serve.port}`]];
    await rawRequest(serve.port, requestHead(m, t, [...base, ...hs, ...(up ? UPGRADE : [])]), 1000);
    await new Promise((r) => setTimeout(r, 20)); // a crash takes a moment to end the process
    if (serve.child.exitCode !== null) {
      crashes++;
      killers.add(JSON.stringify(t));
      serve = await startServe();
    }
  }
  await serve.stop();
  const examples = [...killers].slice(0, 5).join(', ');
  process.stdout.write(
    `requests tried: ${N}, serve crashed: ${crashes}${crashes ? ` (e.g. targets ${examples})` : ''}\n`,
  );
}

await main();
