import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../../../src/common/export/csv';
import { exportFileName, exportSnapshot } from '../../../../src/common/export/exportSnapshot';
import { escapeHtml, snapshotToHtml } from '../../../../src/common/export/html';
import { parseSnapshotText } from '../../../../src/common/snapshot/openSnapshot';
import { HOSTILE_NAME, sampleSnapshot } from '../../../support/sampleSnapshot';

describe('JSON export', () => {
  it('opens again as a deep-equal snapshot, pretty or compact, masked or not', () => {
    const s = sampleSnapshot();
    for (const pretty of [true, false]) {
      const opened = parseSnapshotText(exportSnapshot(s, { format: 'json', pretty }));
      expect(opened).toEqual({ ok: true, snapshot: s });
    }
    const masked = parseSnapshotText(exportSnapshot(s, { format: 'json', mask: true }));
    expect(masked.ok).toBe(true);
  });
});

describe('CSV export', () => {
  it('reads back with papaparse as exactly the socket rows, process columns joined', () => {
    const s = sampleSnapshot();
    const parsed = Papa.parse<Record<string, string>>(exportSnapshot(s, { format: 'csv' }), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(parsed.data).toHaveLength(s.sockets.length);
    const procs = new Map(s.processes.map((p) => [p.pid, p]));
    const unquote = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);
    parsed.data.forEach((row, i) => {
      const sock = s.sockets[i]!;
      const p = sock.pid === null ? undefined : procs.get(sock.pid);
      expect(row.protocol).toBe(sock.protocol);
      expect(row.localAddress).toBe(sock.localAddress);
      expect(row.localPort).toBe(String(sock.localPort));
      expect(row.remoteAddress).toBe(sock.remoteAddress ?? '');
      expect(row.state).toBe(sock.state ?? '');
      expect(row.pid).toBe(sock.pid === null ? '' : String(sock.pid));
      expect(unquote(row.processName!)).toBe(p?.name ?? '');
      expect(unquote(row.cmdline!)).toBe(p?.cmdline ?? '');
      expect(unquote(row.user!)).toBe(p?.user ?? '');
    });
  });

  it('neutralises every OWASP formula start in the cells that carry them', () => {
    const s = sampleSnapshot();
    const values = ['=1+1', '+1', '-2', '@SUM(A1)', '\tTAB', '\rCR'];
    s.processes[0]!.cmdline = values.join(' ');
    s.processes = values.map((v, i) => ({ ...s.processes[0]!, pid: 100 + i, name: v, cmdline: v, user: v }));
    s.sockets = values.map((_, i) => ({ ...s.sockets[0]!, pid: 100 + i }));
    const rows = Papa.parse<Record<string, string>>(exportSnapshot(s, { format: 'csv' }), {
      header: true,
      skipEmptyLines: true,
    }).data;
    rows.forEach((row, i) => {
      for (const col of ['processName', 'cmdline', 'user']) expect(row[col]).toBe(`'${values[i]}`);
    });
  });
});

describe('HTML export', () => {
  it('escapes hostile process names, command lines and users everywhere', () => {
    const s = sampleSnapshot();
    s.processes[1]!.cmdline = '"><img src=x onerror=alert(1)>';
    s.processes[1]!.user = '<b>root</b>';
    s.host.hostname = '</title><script>steal()</script>';
    const html = snapshotToHtml(s);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>root');
    expect(html).toContain(escapeHtml(HOSTILE_NAME));
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;');
    // Scripts are off even if something slipped through.
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
  });

  it('puts the client/server summary first, then every socket', () => {
    const html = snapshotToHtml(sampleSnapshot(), { scopeNote: 'only what the filter shows' });
    const order = [
      'Client / server summary',
      'Processes by role',
      'Listeners and their exposure',
      'Who talks to whom',
      'All sockets (7)',
    ].map((h) => html.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('all interfaces'); // sshd on 0.0.0.0:22
    expect(html).toContain('this machine only'); // 127.0.0.1:8080
    expect(html).toContain('only what the filter shows');
    expect(html).not.toMatch(/<script|src=["']?http|href=["']?http/i);
  });
});

describe('export file names', () => {
  it('are safe on every file system and hide the host when masked', () => {
    const s = sampleSnapshot();
    s.host.hostname = '../../etc/passwd';
    expect(exportFileName(s, 'csv')).toBe('sockeye-_etc_passwd-2026-11-24T10-00-00Z.csv'.replace('_etc', '.._.._etc'));
    expect(exportFileName(s, 'html', true)).toBe('sockeye-masked-2026-11-24T10-00-00Z.html');
  });
});
