/**
 * Files a user opens or exports (issue 18 §4): the read cap holds whatever `stat` says, the
 * text diff of a huge snapshot, export permissions, temporaries left by a crash, and messages
 * that say what a file is, not what it holds. Real files, the real `sockeye` command.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSnapshotFile } from '../../src/node/files/readSnapshotFile';
import { ProcfsCollector } from '../../src/node/collectors/procfs/procfsCollector';
import type { Snapshot } from '../../src/common/model/model';
import { runCli, SOCKEYE_BIN } from '../support/runCli';
import { proc, sampleSnapshot, sock } from '../support/sampleSnapshot';

const dir = mkdtempSync(join(tmpdir(), 'sockeye-files-'));
const save = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const sample = save('sample.json', JSON.stringify(sampleSnapshot()));

/** A valid snapshot with `n` listening sockets of one process (about 270 bytes each as JSON). */
function manySockets(n: number): Snapshot {
  const s = sampleSnapshot();
  const sockets = [];
  for (let i = 0; i < n; i++)
    sockets.push(
      sock({ localPort: 1 + (i % 65535), localAddress: `127.${(i >> 16) & 255}.${(i >> 8) & 255}.1`, pid: 10 }),
    );
  return { ...s, processes: [proc(10, { role: 'server' })], sockets, edges: [] };
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('reading a snapshot file: the cap holds while reading', () => {
  it('refuses /proc/self/pagemap (size 0, endless binary) at once, with little memory', async () => {
    // /usr/bin/time -f %M: the command's peak resident memory in KB.
    const r = spawnSync(
      '/usr/bin/time',
      ['-f', 'peak %M', process.execPath, SOCKEYE_BIN, 'diff', '/proc/self/pagemap', sample],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(r.status).toBe(1);
    // The whole path as given (issue 17), and what the file is, never what it holds (issue 18).
    expect(r.stderr).toContain('sockeye: /proc/self/pagemap: the file is not JSON (it holds binary data)');
    const peakMb = Number(/peak (\d+)/.exec(r.stderr)![1]) / 1024;
    process.stdout.write(`diff /proc/self/pagemap: peak RSS ${peakMb.toFixed(0)} MB\n`);
    expect(peakMb).toBeLessThan(250);
  });

  it('stops at the cap in a file that reports size 0 but goes on (a /proc cmdline starting with "{")', async () => {
    const child = spawn('sleep', ['30'], { argv0: `{"schema":"${'x'.repeat(6000)}` });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const path = `/proc/${child.pid}/cmdline`;
      expect(statSync(path).size).toBe(0);
      const r = await readSnapshotFile(path, 4096);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toBe(
        'cmdline: the file is too large (more than 0.0 MB: reading stopped there; Sockeye opens snapshots up to 0.0 MB)',
      );
    } finally {
      child.kill();
    }
  });
});

describe('messages about a file say what it is, not what it holds', () => {
  it('calls trailing garbage extra text, not truncation', async () => {
    const path = save('trailing.json', JSON.stringify(sampleSnapshot()) + 'x');
    const r = await runCli(['diff', path, sample]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^sockeye: ${escapeRe(path)}: the file has extra text after the JSON document \\(from byte \\d+\\)\n$`,
      ),
    );
  });

  it('never echoes the first line of a secret file reached through a symlink', async () => {
    const secret = save('shadow', 'root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\n');
    const link = join(dir, 'innocent.json');
    symlinkSync(secret, link);
    const r = await runCli(['diff', link, sample]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `sockeye: ${link}: the file is not JSON (it holds text that is not JSON); a Sockeye snapshot is a JSON document\n`,
    );
    expect(r.stderr).not.toContain('root');
  });

  it('warns about invalid UTF-8 inside a snapshot and still opens it', async () => {
    const text = JSON.stringify(sampleSnapshot()).replace('"build-box', '"QQQbuild-box');
    const bytes = Buffer.from(text, 'utf8');
    bytes[bytes.indexOf('QQQ')] = 0xff; // a lone byte that is not UTF-8, inside the host name
    const path = save('latin.json', bytes);
    const r = await runCli(['diff', path, sample]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `sockeye: warning: ${path}: the file is not valid UTF-8 (1 invalid sequence, shown as \ufffd)\n`,
    );
  });
});

describe('sockeye diff of a huge snapshot, as text', () => {
  it('lists 130,000 added sockets (34 MB) instead of overflowing the stack', async () => {
    const empty = { ...sampleSnapshot(), sockets: [], edges: [] };
    const a = save('empty.json', JSON.stringify(empty));
    const b = save('huge.json', JSON.stringify(manySockets(130_000)));
    expect(statSync(b).size).toBeGreaterThan(30 * 1024 * 1024);
    const r = await runCli(['diff', a, b], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Listeners opened (130000)');
    expect(r.stdout.split('\n').filter((l) => /^ {2}\+ +tcp/.test(l)).length).toBe(130_000);
  });
});

describe('exports keep the permissions they should', () => {
  const modeOf = (p: string) => statSync(p).mode & 0o777;

  it('creates a new file 0600 and keeps the mode of a file it replaces (0600, 0640)', async () => {
    const fresh = join(dir, 'fresh.json');
    expect((await runCli(['snapshot', '--json', '-o', fresh])).code).toBe(0);
    expect(modeOf(fresh)).toBe(0o600);
    for (const mode of [0o600, 0o640, 0o644]) {
      const path = save(`existing-${mode.toString(8)}.csv`, 'old');
      chmodSync(path, mode);
      expect((await runCli(['snapshot', '--csv', '-o', path])).code).toBe(0);
      expect(readFileSync(path, 'utf8')).not.toBe('old');
      expect(modeOf(path)).toBe(mode);
    }
  });

  it('removes our own stale temporaries of the same target whose writer is gone, and nothing else', async () => {
    const sub = join(dir, 'stale');
    mkdirSync(sub);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    const target = join(sub, 'out.json');
    const staleTmp = join(sub, `.out.json.${deadPid}.0123456789ab.tmp`);
    const liveTmp = join(sub, `.out.json.${process.pid}.0123456789ab.tmp`); // a writer that still runs
    const otherTarget = join(sub, `.other.json.${deadPid}.0123456789ab.tmp`);
    const notOurs = join(sub, `.out.json.${deadPid}.not-hex.tmp`);
    for (const p of [staleTmp, liveTmp, otherTarget, notOurs]) writeFileSync(p, '{"half":');
    expect((await runCli(['snapshot', '--json', '-o', target])).code).toBe(0);
    expect(existsSync(staleTmp)).toBe(false);
    expect([liveTmp, otherTarget, notOurs].map(existsSync)).toEqual([true, true, true]);
  });
});

describe('a missing /proc/net table', () => {
  const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
  function fakeProc(tables: string[]): string {
    const root = mkdtempSync(join(tmpdir(), 'sockeye-fakeproc-'));
    mkdirSync(join(root, 'net'));
    for (const t of tables) writeFileSync(join(root, 'net', t), header);
    return root;
  }

  it('warns, in the snapshot, when the IPv4 tcp table is missing; a kernel without IPv6 is normal', async () => {
    const noTcp = await new ProcfsCollector({
      procRoot: fakeProc(['tcp6', 'udp', 'udp6']),
      helperThread: false,
    }).collect();
    expect((noTcp.warnings ?? []).filter((w) => /net\/tcp does not exist/.test(w))).toHaveLength(1);
    const noV6 = await new ProcfsCollector({ procRoot: fakeProc(['tcp', 'udp']), helperThread: false }).collect();
    expect(noV6.warnings).toEqual([]);
  });
});
