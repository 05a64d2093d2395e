import { describe, expect, it } from 'vitest';
import { osqueryTables, snapshotFromOsquery } from '../../../../src/common/fleet/osqueryResults';
import { mergeFleet } from '../../../../src/common/fleet/mergeFleet';
import { SnapshotSchema } from '../../../../src/common/model/model';

// As `osqueryi --json` prints them: every value a string.
const listening = (pid: string, port: string, address = '0.0.0.0') => ({
  pid,
  port,
  protocol: '6',
  family: '2',
  address,
  fd: '5',
  socket: '1234',
  path: '',
  net_namespace: '4026531840',
});
const open = (pid: string, local: string, lport: string, remote: string, rport: string, state = 'ESTABLISHED') => ({
  pid,
  fd: '7',
  socket: '99',
  family: '2',
  protocol: '6',
  local_address: local,
  remote_address: remote,
  local_port: lport,
  remote_port: rport,
  path: '',
  state,
  net_namespace: '4026531840',
});

describe('osquery results as a fleet source', () => {
  it('makes a valid snapshot: listeners once, sides and roles derived, processes joined', () => {
    const t = osqueryTables({
      system_info: [{ hostname: 'db-1', uuid: 'x' }],
      listening_ports: [listening('31', '5432')],
      process_open_sockets: [
        open('31', '0.0.0.0', '5432', '0.0.0.0', '0', 'LISTEN'),
        open('31', '10.8.0.3', '5432', '10.8.0.2', '40001'),
        { ...open('1', '', '0', '', '0'), family: '1' }, // a Unix socket row: not here
      ],
      processes: [
        {
          pid: '31',
          name: 'postgres',
          path: '/usr/lib/postgresql/bin/postgres',
          cmdline: 'postgres -D /x',
          parent: '1',
          start_time: '1764590000',
        },
      ],
      interface_addresses: [
        { interface: 'lo', address: '127.0.0.1', mask: '255.0.0.0' },
        { interface: 'eth0', address: '10.8.0.3', mask: '255.255.255.0' },
      ],
    });
    const s = snapshotFromOsquery(t!, 'db-1.json', new Date('2026-12-01T12:00:00Z'));
    expect(SnapshotSchema.parse(s)).toBeTruthy();
    expect(s.host).toMatchObject({ hostname: 'db-1', collector: 'osquery' });
    expect(s.sockets.map((x) => [x.state, x.side, x.localPort, x.remoteAddress])).toEqual(
      expect.arrayContaining([
        ['LISTEN', 'server', 5432, null],
        ['ESTABLISHED', 'server', 5432, '10.8.0.2'],
      ]),
    );
    expect(s.sockets).toHaveLength(2);
    expect(s.processes[0]).toMatchObject({
      pid: 31,
      name: 'postgres',
      role: 'server',
      startedAt: '2025-12-01T11:53:20.000Z',
    });
  });

  it('pairs an osquery host with a Sockeye host; a plain row array works too; other JSON is not osquery', () => {
    const db = snapshotFromOsquery(
      osqueryTables([listening('31', '5432', '10.8.0.3'), open('31', '10.8.0.3', '5432', '10.8.0.2', '40001')])!,
      'db.json',
    );
    const api = snapshotFromOsquery(osqueryTables([open('21', '10.8.0.2', '40001', '10.8.0.3', '5432')])!, 'api.json');
    // No interface_addresses: the host's addresses are the specific local ones its sockets use.
    expect(db.interfaces.flatMap((i) => i.addresses.map((a) => a.address))).toEqual(['10.8.0.3']);
    const fleet = mergeFleet([
      { source: 'api.json', snapshot: api, error: null },
      { source: 'db.json', snapshot: db, error: null },
    ]);
    expect(fleet.edges).toEqual([
      expect.objectContaining({
        clientPid: 21,
        serverHost: 'db.json@db.json',
        serverPid: 31,
        port: 5432,
        confirmed: 1,
      }),
    ]);
    expect(osqueryTables({ schema: 'grafana/1' })).toBeNull();
    expect(osqueryTables([1, 2])).toBeNull();
  });
});
