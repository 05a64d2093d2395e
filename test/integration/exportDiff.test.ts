/**
 * Export, open and compare with the real `sockeye` command: snapshots taken by the CLI around
 * real child processes that start listening and connecting, compared by `sockeye diff`.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshotFile } from '../../src/node/files/readSnapshotFile';
import type { Snapshot, Socket } from '../../src/common/model/model';
import { parseSnapshotText } from '../../src/common/snapshot/openSnapshot';
import { diffSnapshots, type SnapshotDiff } from '../../src/common/snapshot/snapshotDiff';
import { CSV_COLUMNS } from '../../src/common/export/csv';
import { startCommandChild, type CommandChild } from '../support/commandChild';
import { runCli } from '../support/runCli';

const dir = mkdtempSync(join(tmpdir(), 'sockeye-export-'));
const children: CommandChild[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
});

async function snapshotTo(file: string): Promise<Snapshot> {
  const r = await runCli(['snapshot', '--json', '-o', file]);
  expect(r.stderr.split('\n').filter((l) => l && !l.includes('warning'))).toEqual([]);
  expect(r.code).toBe(0);
  const opened = await readSnapshotFile(file);
  if (!opened.ok) throw new Error(opened.error);
  return opened.snapshot;
}

describe('sockeye snapshot exports', () => {
  it('--json opens again as the same document', async () => {
    const r = await runCli(['snapshot', '--json']);
    expect(r.code).toBe(0);
    const opened = parseSnapshotText(r.stdout);
    expect(opened.ok).toBe(true);
    if (opened.ok) expect(opened.snapshot).toEqual(JSON.parse(r.stdout));
  });

  it('--csv -o writes a file papaparse reads as one row per socket', async () => {
    const file = join(dir, 's.csv');
    const r = await runCli(['snapshot', '--csv', '-o', file]);
    expect(r.code).toBe(0);
    const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(parsed.data.length).toBeGreaterThan(0);
    for (const row of parsed.data) expect(['tcp', 'udp']).toContain(row.protocol);
  });

  it('--html is a self-contained report without scripts; --mask hides the host name', async () => {
    const plain = await runCli(['snapshot', '--html']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^<!doctype html>/);
    expect(plain.stdout).toContain('Client / server summary');
    expect(plain.stdout).not.toMatch(/<script|<link|src=/i);
    const hostname = /<dt>Host<\/dt><dd>([^ <]+)/.exec(plain.stdout)![1]!;
    const masked = await runCli(['snapshot', '--json', '--mask']);
    const doc = JSON.parse(masked.stdout) as Snapshot;
    expect(doc.host.hostname).toBe('host-1');
    expect(masked.stdout).not.toContain(`"${hostname}"`);
    expect(doc.processes.every((p) => p.cmdline === null || /^cmdline-\d+$/.test(p.cmdline))).toBe(true);
  });

  it('--mask without a format is bad usage', async () => {
    const r = await runCli(['snapshot', '--mask']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('sockeye: --mask goes with --json, --csv or --html\n');
  });

  it('a write that cannot finish leaves the old file whole and says so', async () => {
    // The target is a folder holding a file: rename over it fails after the temporary file was written.
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'precious');
    const r = await runCli(['snapshot', '--json', '-o', target]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^sockeye: could not write .*taken: .*\(any previous file there is intact\)\n$/);
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('precious');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('sockeye diff of two real snapshots', () => {
  let a: Snapshot;
  let b: Snapshot;
  let server: CommandChild;
  let peer: CommandChild; // a client that becomes a server
  let fresh: CommandChild; // starts after the first snapshot
  let serverPort: number;
  let peerLocal: number;
  let peerListen: number;
  let freshListen: number;
  let freshLocal: number;
  let cli: SnapshotDiff;

  beforeAll(async () => {
    server = await startCommandChild('changingPeer.mjs');
    peer = await startCommandChild('changingPeer.mjs');
    children.push(server, peer);
    serverPort = Number((await server.send('listen')).port);
    peerLocal = Number((await peer.send(`connect ${serverPort}`)).connected);
    a = await snapshotTo(join(dir, 'a.json'));

    fresh = await startCommandChild('changingPeer.mjs');
    children.push(fresh);
    freshListen = Number((await fresh.send('listen')).port);
    freshLocal = Number((await fresh.send(`connect ${freshListen}`)).connected);
    peerListen = Number((await peer.send('listen')).port);
    await peer.send('disconnect 0');
    b = await snapshotTo(join(dir, 'b.json'));

    const r = await runCli(['diff', join(dir, 'a.json'), join(dir, 'b.json'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    cli = JSON.parse(r.stdout) as SnapshotDiff;
  });

  const has = (list: Socket[], want: Partial<Socket>) =>
    list.some((s) => Object.entries(want).every(([k, v]) => s[k as keyof Socket] === v));

  it('has the documented JSON shape, the same as the library computes', () => {
    expect(Object.keys(cli).sort()).toEqual(['added', 'changed', 'from', 'ignored', 'removed', 'to']);
    expect(cli.ignored).toEqual({ closingSockets: expect.any(Number) });
    expect(cli.from).toEqual({ takenAt: a.takenAt, hostname: a.host.hostname });
    expect(cli.to).toEqual({ takenAt: b.takenAt, hostname: b.host.hostname });
    expect(Object.keys(cli.added).sort()).toEqual(['processes', 'sockets']);
    expect(cli).toEqual(JSON.parse(JSON.stringify(diffSnapshots(a, b))));
  });

  it('finds the new process with its new listener and both ends of its connection', () => {
    expect(cli.added.processes.map((p) => p.pid)).toContain(fresh.pid);
    expect(has(cli.added.sockets, { pid: fresh.pid, state: 'LISTEN', localPort: freshListen })).toBe(true);
    expect(
      has(cli.added.sockets, { pid: fresh.pid, localPort: freshLocal, remotePort: freshListen, side: 'client' }),
    ).toBe(true);
    expect(
      has(cli.added.sockets, { pid: fresh.pid, localPort: freshListen, remotePort: freshLocal, side: 'server' }),
    ).toBe(true);
  });

  it('finds the listener opened and the connection closed by a process that stayed', () => {
    expect(has(cli.added.sockets, { pid: peer.pid, state: 'LISTEN', localPort: peerListen })).toBe(true);
    expect(has(cli.removed.sockets, { pid: peer.pid, localPort: peerLocal, remotePort: serverPort })).toBe(true);
    expect(has(cli.removed.sockets, { pid: server.pid, localPort: serverPort, remotePort: peerLocal })).toBe(true);
    // Unchanged sockets are not reported: the server's listener is in both.
    expect(has(cli.added.sockets, { pid: server.pid, state: 'LISTEN' })).toBe(false);
    expect(has(cli.removed.sockets, { pid: server.pid, state: 'LISTEN' })).toBe(false);
    expect(cli.added.processes.map((p) => p.pid)).not.toContain(peer.pid);
  });

  it('reports the client that became a server as a role change', () => {
    expect(cli.changed.processes).toContainEqual({ pid: peer.pid, name: 'node', from: 'client', to: 'server' });
  });

  it('prints grouped +/- lines for people', async () => {
    const r = await runCli(['diff', join(dir, 'a.json'), join(dir, 'b.json')]);
    expect(r.code).toBe(0);
    const out = r.stdout;
    const section = (title: string) => out.slice(out.indexOf(title), out.indexOf('\n\n', out.indexOf(title)) >>> 0);
    expect(section('Listeners opened')).toMatch(new RegExp(`\\+ +tcp +127\\.0\\.0\\.1:${peerListen} +LISTEN`));
    expect(section('Listeners opened')).toContain(`(${fresh.pid})`);
    expect(section('Connections removed')).toMatch(
      new RegExp(`- +tcp +127\\.0\\.0\\.1:${peerLocal} → 127\\.0\\.0\\.1:${serverPort} `),
    );
    // The server's end of the same connection reads local ← remote: the peer came to it.
    expect(section('Connections removed')).toMatch(
      new RegExp(`- +tcp +127\\.0\\.0\\.1:${serverPort} ← 127\\.0\\.0\\.1:${peerLocal} `),
    );
    // Loopback peers are this machine: never "remote hosts seen for the first time".
    expect(out).not.toMatch(/Remote hosts seen for the first time[^\n]*\n( {2}\+ .*\n)* {2}\+ 127\./);
    // Columns line up: in each group every row's state column starts at the same place.
    const rows = section('Connections removed').split('\n').slice(1);
    const at = rows.map((l) => l.search(/ (ESTABLISHED|CLOSE_WAIT|TIME_WAIT|FIN_WAIT[12]|LAST_ACK|SYN_SENT|CLOSE) /));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(new Set(at).size).toBe(1);
    expect(section('Processes appeared')).toContain(`(${fresh.pid})`);
    expect(section('Processes that changed role')).toContain(`(${peer.pid})  client → server`);
    expect(out).toMatch(/\nsummary: \d+ listeners? opened, /);
  });
});

describe('sockeye diff usage and bad files', () => {
  const good = join(dir, 'good.json');
  beforeAll(async () => {
    await snapshotTo(good);
  });

  it('exit 2 for bad usage', async () => {
    for (const args of [['diff'], ['diff', good], ['diff', good, good, good], ['diff', '--bogus', good, good]]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });

  it('exit 0 and "no changes" for a file against itself', async () => {
    const r = await runCli(['diff', good, good, '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as SnapshotDiff;
    expect(
      [d.added.sockets, d.removed.sockets, d.added.processes, d.removed.processes, d.changed.processes].every(
        (l) => l.length === 0,
      ),
    ).toBe(true);
  });

  it('exit 1 with one clear line for missing, truncated, non-JSON, wrong-schema and oversized files', async () => {
    const text = readFileSync(good, 'utf8');
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
    const notJson = join(dir, 'notes.json');
    writeFileSync(notJson, 'hello, world');
    const wrong = join(dir, 'v2.json');
    writeFileSync(wrong, JSON.stringify({ ...JSON.parse(text), schema: 'sockeye.snapshot/2' }));
    const invalid = join(dir, 'invalid.json');
    const doc = JSON.parse(text) as { sockets: unknown[] };
    doc.sockets = [{ protocol: 'sctp' }];
    writeFileSync(invalid, JSON.stringify(doc));
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '');
    // A sparse file: 201 MB by size, no disk used; it must be refused before it is read.
    const { truncateSync } = await import('node:fs');
    truncateSync(huge, 201 * 1024 * 1024);
    expect(statSync(huge).size).toBe(201 * 1024 * 1024);

    // The whole path as given, not its basename (two snapshot.json in two folders read alike).
    const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const cases: [string, RegExp][] = [
      [join(dir, 'nope.json'), new RegExp(`^sockeye: ${esc(join(dir, 'nope.json'))}: no such file\\n$`)],
      [
        truncated,
        new RegExp(
          `^sockeye: ${esc(truncated)}: the file is truncated at byte ${Buffer.byteLength(text.slice(0, Math.floor(text.length / 2)))}: it ends before the JSON document does\\n$`,
        ),
      ],
      // What kind of file, never its content (issue 18: a symlink to a secret would echo it); the whole path given (17).
      [
        notJson,
        /^sockeye: \/.*\/notes\.json: the file is not JSON \(it holds text that is not JSON\); a Sockeye snapshot/,
      ],
      [
        wrong,
        /^sockeye: \/.*\/v2\.json: wrong schema version: "sockeye\.snapshot\/2" \(this Sockeye opens sockeye\.snapshot\/1\)\n$/,
      ],
      [invalid, /^sockeye: \/.*\/invalid\.json: invalid snapshot: field sockets\[0\]\.protocol: /],
      [huge, /^sockeye: \/.*\/huge\.json: the file is too large \(201 MB; Sockeye opens snapshots up to 200 MB\)\n$/],
      [dir, /: it is a folder, not a file\n$/],
    ];
    for (const [file, message] of cases) {
      const r = await runCli(['diff', good, file]);
      expect(r.code, file).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});
