import { describe, expect, it } from 'vitest';
import { escapeLabelValue, formatMetrics, metricsFormatFor } from '../../../../src/common/metrics/metricsText';
import { HOSTILE_NAME, proc, sampleSnapshot, sock } from '../../../support/sampleSnapshot';

describe('metrics text', () => {
  it('escapes backslash, double quote and line feed in label values, and nothing else', () => {
    expect(escapeLabelValue('a\\b"c\nd\te')).toBe('a\\\\b\\"c\\nd\te');
  });

  it('asks for OpenMetrics only when the Accept header names it', () => {
    expect(metricsFormatFor(undefined)).toBe('prometheus');
    expect(metricsFormatFor('text/plain;version=0.0.4')).toBe('prometheus');
    expect(
      metricsFormatFor('application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'),
    ).toBe('openmetrics');
  });

  it('names listeners, edges and socket states with bounded labels: no pid, no address', () => {
    const snap = sampleSnapshot();
    snap.processes.push(proc(40, { label: 'evil"\n} 1\nsockeye_fake 2', name: 'x' }));
    snap.sockets.push(
      sock({ localPort: 9999, pid: 40, localAddress: '0.0.0.0', localScope: 'unspecified', service: null }),
    );
    snap.edges = [
      { clientPid: 20, serverPid: 10, protocol: 'tcp', port: 8080, count: 2 },
      { clientPid: 20, serverPid: 10, protocol: 'tcp', port: 8080, count: 3 },
    ];
    const text = formatMetrics({ snapshot: snap, durationMs: 250 }, 'prometheus');
    expect(text).toContain(
      'sockeye_listener_info{process="node · my-api",port="8080",protocol="tcp",exposure="this machine only",service="http-alt"} 1',
    );
    expect(text).toContain(
      'sockeye_listener_info{process="sshd",port="22",protocol="tcp",exposure="all interfaces",service="ssh"} 1',
    );
    // A hostile process label stays inside its quotes: no forged line.
    expect(text).toContain('process="evil\\"\\n} 1\\nsockeye_fake 2"');
    expect(text).not.toMatch(/^sockeye_fake/m);
    // Parallel edges between the same two programs on one port are summed.
    expect(text).toContain(
      `sockeye_edge_connections{client="${escapeLabelValue(HOSTILE_NAME)}",server="node · my-api",port="8080",protocol="tcp"} 5`,
    );
    expect(text).toMatch(/^sockeye_sockets\{protocol="tcp",state="ESTABLISHED"\} \d+$/m);
    expect(text).toContain('sockeye_snapshot_duration_seconds 0.25');
    expect(text).toContain('sockeye_unmapped_sockets 1');
    expect(text).not.toMatch(/pid=|address=|127\.0\.0\.1|93\.184/);
    // Every sample line is NAME{labels} VALUE.
    for (const line of text.trimEnd().split('\n')) {
      if (!line.startsWith('#')) expect(line).toMatch(/^[a-z_]+(\{.*\})? -?[\d.e+-]+$|NaN$/);
    }
  });

  it('writes OpenMetrics families: info and counter types, and # EOF', () => {
    const snap = sampleSnapshot();
    snap.traffic = {
      available: true,
      unavailableReason: null,
      source: 'sock_diag',
      intervalMs: null,
      since: snap.takenAt,
      processes: [
        {
          pid: 10,
          bytesSent: 100,
          bytesReceived: 200,
          sendRate: null,
          receiveRate: null,
          connections: 1,
          closedConnections: 0,
          closedBytesSent: 0,
          closedBytesReceived: 0,
        },
      ],
      remoteHosts: [],
      interfaces: [],
      unattributed: { bytesSent: 0, bytesReceived: 7, sendRate: null, receiveRate: null, connections: 0 },
      lostEvents: 0,
    };
    const om = formatMetrics({ snapshot: snap, durationMs: 1 }, 'openmetrics');
    expect(om).toContain('# TYPE sockeye_listener info');
    expect(om).toContain('# TYPE sockeye_process_bytes counter');
    expect(om).toContain('sockeye_process_bytes_total{process="node · my-api",direction="sent"} 100');
    expect(om).toContain('sockeye_process_bytes_total{process="unattributed",direction="received"} 7');
    expect(om.endsWith('\n# EOF\n')).toBe(true);
    const text = formatMetrics({ snapshot: snap, durationMs: 1 }, 'prometheus');
    expect(text).toContain('# TYPE sockeye_process_bytes_total counter');
    expect(text).toContain('# TYPE sockeye_listener_info gauge');
    expect(text).not.toContain('# EOF');
  });
});
