/**
 * Untrusted text never drives the terminal (issue 18 §5): a real process whose name holds a
 * newline and a right-to-left override, snapshot files with hostile names and host names, in
 * the CLI table, in `diff`, and in what `serve --snapshot` prints.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli';
import { proc, sampleSnapshot, sock } from '../support/sampleSnapshot';
import { startServe } from '../support/serve';

const dir = mkdtempSync(join(tmpdir(), 'sockeye-term-'));
const FORGED = 'x\n\u202eFAKE 1';
/** Nothing a terminal would act on: no ESC, BEL, CR, C1, bidi control — and no line but ours. */
// eslint-disable-next-line no-control-regex -- the very characters that must not reach the terminal
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('terminal output escapes hostile text', () => {
  it('the snapshot table: a process named "x\\n\\u202eFAKE 1" stays on its row', async () => {
    // The kernel names a process after the file it ran: a symlink to node with that name.
    const link = join(dir, FORGED);
    symlinkSync(process.execPath, link);
    const child = spawn(link, ['-e', "require('net').createServer().listen(0, '127.0.0.1', () => console.log('up'))"], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise((r) => child.stdout!.once('data', r));
      const r = await runCli(['snapshot', '--filter', `pid:${child.pid}`]);
      expect(r.code).toBe(0);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(3); // summary, header, one socket
      expect(lines[2]).toContain(`x\\x0a\\u202eFAKE 1 (${child.pid})`);
      expect(lines.some((l) => l.startsWith('\u202eFAKE') || l.startsWith('FAKE'))).toBe(false);
      expect(RAW_CONTROL.test(r.stdout.replace(/\n/g, ''))).toBe(false);
    } finally {
      child.kill();
    }
  });

  it('diff: hostile process names, users and host names cannot forge lines or send escapes', async () => {
    const a = { ...sampleSnapshot(), sockets: [], edges: [] };
    const evil = '\x1b]0;pwned\x07\x1b[2J';
    const b = {
      ...sampleSnapshot(),
      host: { ...sampleSnapshot().host, hostname: `box${evil}` },
      processes: [proc(77, { name: FORGED, label: `${FORGED}\tFAKE2`, user: 'u\u2066ser', role: 'server' })],
      sockets: [sock({ pid: 77, localPort: 4242 })],
      edges: [],
    };
    writeFileSync(join(dir, 'a.json'), JSON.stringify(a));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(b));
    const r = await runCli(['diff', join(dir, 'a.json'), join(dir, 'b.json')]);
    expect(r.code).toBe(0);
    expect(RAW_CONTROL.test(r.stdout.replace(/\n/g, ''))).toBe(false);
    expect(r.stdout).toContain('x\\x0a\\u202eFAKE 1\\x09FAKE2 (77)');
    expect(r.stdout).toContain('user u\\u2066ser');
    expect(r.stdout).toContain('box\\x1b]0;pwned\\x07\\x1b[2J');
    expect(r.stdout.split('\n').some((l) => /^\s*(\u202e)?FAKE/.test(l))).toBe(false);
  });

  it('serve --snapshot prints the file’s host name escaped (no ESC, no BEL reaches the terminal)', async () => {
    const snap = {
      ...sampleSnapshot(),
      host: { ...sampleSnapshot().host, hostname: 'h\x1b]0;owned\x07\x1b[2J\u202e' },
    };
    const file = join(dir, 'evil-host.json');
    writeFileSync(file, JSON.stringify(snap));
    const s = await startServe(['--snapshot', file]);
    try {
      const line = s
        .stderr()
        .split('\n')
        .find((l) => l.includes('serving the saved snapshot'))!;
      expect(line).toContain('on h\\x1b]0;owned\\x07\\x1b[2J\\u202e)');
      expect(RAW_CONTROL.test(s.stderr().replace(/\n/g, ''))).toBe(false);
    } finally {
      await s.stop();
    }
  });
});

describe('sockeye serve --host', () => {
  it('warns that a non-loopback address carries the link over plain HTTP; 127.0.0.2 is loopback and silent', async () => {
    const loop = await startServe(['--host', '127.0.0.2']);
    await loop.stop();
    expect(loop.stderr()).not.toContain('listening on');
    const wide = await startServe(['--host', '0.0.0.0']);
    await wide.stop();
    expect(wide.stderr()).toMatch(/listening on 0\.0\.0\.0: .*plain HTTP \(unencrypted\)/);
  });
});
