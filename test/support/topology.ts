/**
 * Starts the known topology of real child processes (test/fixtures/topology.mjs):
 * client → api (2 connections, IPv4 and IPv6), api → server, client → server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const script = resolve(__dirname, '../fixtures/topology.mjs');

export interface Topology {
  server: { pid: number; tcpPort: number; udpPort: number };
  api: { pid: number; port: number };
  client: { pid: number };
  stop(): Promise<void>;
}

function start(children: ChildProcess[], ...args: string[]): Promise<Record<string, number>> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((res, rej) => {
    createInterface({ input: child.stdout! }).once('line', (l) => res(JSON.parse(l)));
    child.once('exit', (code) => rej(new Error(`topology ${args[0]} exited (${code})`)));
  });
}

export async function startTopology(): Promise<Topology> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map((c) =>
        c.exitCode !== null || c.signalCode !== null
          ? undefined
          : new Promise((r) => (c.once('exit', r), c.kill('SIGKILL'))),
      ),
    );
  };
  try {
    const server = await start(children, 'server');
    const api = await start(children, 'api', String(server.tcpPort));
    const client = await start(children, 'client', String(api.port), String(server.tcpPort));
    return {
      server: { pid: server.pid!, tcpPort: server.tcpPort!, udpPort: server.udpPort! },
      api: { pid: api.pid!, port: api.port! },
      client: { pid: client.pid! },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
