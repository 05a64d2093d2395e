/**
 * A real Prometheus (Debian's `prometheus` package) scrapes a real `sockeye serve` (issue 16 §2):
 * with the API token from `authorization: { credentials_file }` it stores
 * sockeye_listener_info for a listener this test opened; a job without the token is down with
 * 401. promtool (same package) lints both exposition formats as served.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLineChild, type LineChild } from '../support/lineChild';
import { startServe, type Serve } from '../support/serve';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const missing = !existsSync(PROMETHEUS) && 'the prometheus binary is absent (apt-get install -y prometheus)';

let dir: string;
let serve: Serve;
let holder: LineChild;
let prometheus: ChildProcess | undefined;
let promLog = '';
let promPort: number;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The scrape config: one job with the token file, one without. */
function config(tokenFile: string, target: string): string {
  return [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    'scrape_configs:',
    '  - job_name: sockeye',
    '    authorization:',
    `      credentials_file: ${tokenFile}`,
    '    static_configs:',
    `      - targets: ['${target}']`,
    '  - job_name: sockeye-no-token',
    '    static_configs:',
    `      - targets: ['${target}']`,
    '',
  ].join('\n');
}

async function promApi<T>(path: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${promPort}${path}`);
  const body = (await res.json()) as { status: string; data: T };
  if (body.status !== 'success') throw new Error(`prometheus ${path}: ${JSON.stringify(body)}`);
  return body.data;
}

/** Polls `probe` until it returns a value, for at most `ms`. */
async function eventually<T>(what: string, probe: () => Promise<T | null>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown = null;
  while (Date.now() < end) {
    try {
      const got = await probe();
      if (got !== null) return got;
    } catch (err) {
      last = err;
    }
    if (prometheus?.exitCode !== null && prometheus?.exitCode !== undefined)
      throw new Error(`prometheus exited (${prometheus.exitCode}): ${promLog}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} not seen in ${ms} ms (${String(last)}); prometheus log: ${promLog.slice(-2000)}`);
}

beforeAll(async () => {
  if (missing) return;
  dir = mkdtempSync(join(tmpdir(), 'sockeye-prom-'));
  const tokenFile = join(dir, 'api-token');
  serve = await startServe(['--token-file', tokenFile]);
  holder = await startLineChild('holdPort.mjs', ['127.0.0.1', '0']);
  promPort = await freePort();
  writeFileSync(join(dir, 'prometheus.yml'), config(tokenFile, `127.0.0.1:${serve.port}`));
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  prometheus.stderr!.setEncoding('utf8').on('data', (d: string) => (promLog = (promLog + d).slice(-20_000)));
}, 60_000);

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((r) => prometheus!.once('exit', r));
    prometheus.kill('SIGTERM');
    const timer = setTimeout(() => prometheus!.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await holder?.stop();
  await serve?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 30_000);

type Vector = { metric: Record<string, string>; value: [number, string] }[];
type Targets = { activeTargets: { labels: Record<string, string>; health: string; lastError: string }[] };

describe.skipIf(missing)('a real Prometheus scraping sockeye serve', () => {
  it('stores sockeye_listener_info for the child’s listener, scraped with the token file', async () => {
    const port = String(holder.first.port);
    const series = await eventually('sockeye_listener_info for the child', async () => {
      const v = await promApi<{ result: Vector }>(
        `/api/v1/query?query=${encodeURIComponent(`sockeye_listener_info{port="${port}"}`)}`,
      );
      return v.result.length > 0 ? v.result : null;
    });
    expect(series[0]!.metric).toMatchObject({ job: 'sockeye', port, protocol: 'tcp', exposure: 'this machine only' });
    expect(series[0]!.value[1]).toBe('1');
    expect(series[0]!.metric).not.toHaveProperty('pid');
    const up = await promApi<{ result: Vector }>(`/api/v1/query?query=${encodeURIComponent('up{job="sockeye"}')}`);
    expect(up.result[0]?.value[1]).toBe('1');
  }, 90_000);

  it('marks the job without the token down, with the 401 as its last error', async () => {
    const target = await eventually('the no-token job down', async () => {
      const t = await promApi<Targets>('/api/v1/targets?state=active');
      const job = t.activeTargets.find((a) => a.labels.job === 'sockeye-no-token');
      return job && job.health === 'down' ? job : null;
    });
    expect(target.lastError).toMatch(/401/);
    const up = await promApi<{ result: Vector }>(
      `/api/v1/query?query=${encodeURIComponent('up{job="sockeye-no-token"}')}`,
    );
    expect(up.result[0]?.value[1]).toBe('0');
  }, 90_000);

  // Prometheus itself asks for OpenMetrics (above); promtool reads the 0.0.4 text format only.
  it('serves 0.0.4 text that promtool lints clean', async () => {
    if (!existsSync(PROMTOOL)) return;
    const token = (await import('node:fs')).readFileSync(join(dir, 'api-token'), 'utf8').trim();
    for (const accept of ['text/plain']) {
      const text = await (
        await fetch(`${serve.origin}/metrics`, { headers: { Authorization: `Bearer ${token}`, Accept: accept } })
      ).text();
      const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect(r.stderr + r.stdout, accept).toBe('');
      expect(r.status).toBe(0);
    }
  });
});
