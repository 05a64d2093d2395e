/**
 * A real prefork server for the integration tests: Debian's nginx (package nginx-light), a
 * master and two workers sharing one listener on loopback, with its own config, pid file, logs
 * and temp folders in a fresh directory (nothing of the system's nginx is read or touched).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NGINX = '/usr/sbin/nginx';

export interface Nginx {
  masterPid: number;
  workerPids: number[];
  port: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Child pids of `pid`, from /proc/<pid>/stat's ppid field. */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return out.sort((a, b) => a - b);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts nginx with `workers` worker processes; resolves once every worker is up. */
export async function startNginx(workers = 2): Promise<Nginx> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx-light (see .ci/apt-packages)`);
  const dir = mkdtempSync(join(tmpdir(), 'sockeye-nginx-'));
  for (const d of ['logs', 'temp/client', 'temp/proxy', 'temp/fastcgi', 'temp/uwsgi', 'temp/scgi', 'html'])
    mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'html/index.html'), 'sockeye\n');
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes ${workers};
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/temp/client;
  proxy_temp_path ${dir}/temp/proxy;
  fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi;
  scgi_temp_path ${dir}/temp/scgi;
  keepalive_timeout 120s;
  server { listen 127.0.0.1:${port}; root ${dir}/html; }
}
`,
  );
  // -g 'daemon off;' keeps the master our child, so the test can always stop it.
  const child: ChildProcess = spawn(
    NGINX,
    ['-p', dir, '-c', conf, '-e', `${dir}/logs/error.log`, '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGQUIT');
      await Promise.race([gone, sleep(3000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr.trim()}`);
      const kids = childPids(child.pid!);
      const pidFile = existsSync(join(dir, 'nginx.pid')) ? readFileSync(join(dir, 'nginx.pid'), 'utf8').trim() : '';
      if (kids.length >= workers && pidFile === String(child.pid)) {
        return { masterPid: child.pid!, workerPids: kids, port, stop };
      }
      await sleep(50);
    }
    throw new Error(`nginx did not start its workers: ${stderr.trim()}`);
  } catch (err) {
    await stop();
    throw err;
  }
}
