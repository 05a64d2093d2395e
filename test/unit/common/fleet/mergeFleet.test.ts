import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeFleet } from '../../../../src/common/fleet/mergeFleet';
import { FleetSchema } from '../../../../src/common/fleet/fleetModel';
import { FleetWorld } from '../../../support/fleetWorld';

/** Three hosts: web (10.1.0.1) uses api (10.1.0.2) on 8080, api uses db (10.1.0.3) on 5432. */
function threeHosts(): FleetWorld {
  return new FleetWorld()
    .host('web', '10.1.0.1')
    .host('api', '10.1.0.2')
    .host('db', '10.1.0.3')
    .process('web', 11, 'nginx')
    .process('api', 21, 'node · api')
    .process('db', 31, 'postgres')
    .listen('web', 11, 443)
    .listen('api', 21, 8080)
    .listen('db', 31, 5432, '10.1.0.3')
    .connect('web', 11, 'api', 8080, { serverPid: 21 })
    .connect('web', 11, 'api', 8080, { serverPid: 21 })
    .connect('api', 21, 'db', 5432, { serverPid: 31 });
}

describe('mergeFleet', () => {
  it('pairs a client on one host with the accepted end on another, confirmed, counted, valid', () => {
    const fleet = mergeFleet(threeHosts().inputs());
    expect(FleetSchema.parse(fleet)).toEqual(fleet);
    expect(fleet.hosts.map((h) => [h.id, h.ok, h.clientConnections, h.serverConnections])).toEqual([
      ['id-web', true, 2, 0],
      ['id-api', true, 1, 2],
      ['id-db', true, 0, 1],
    ]);
    expect(
      fleet.edges.map((e) => [
        e.clientHost,
        e.clientProcess,
        e.serverHost,
        e.serverProcess,
        e.port,
        e.count,
        e.confirmed,
      ]),
    ).toEqual([
      ['id-api', 'node · api', 'id-db', 'postgres', 5432, 1, 1],
      ['id-web', 'nginx', 'id-api', 'node · api', 8080, 2, 2],
    ]);
    expect(fleet.hosts[2]!.serves).toEqual([
      { pid: 31, process: 'postgres', protocol: 'tcp', port: 5432, loopbackOnly: false },
    ]);
  });

  it('takes the listener as the server when the server shows no accepted end: matched, not confirmed', () => {
    const w = new FleetWorld()
      .host('a', '10.2.0.1')
      .host('b', '10.2.0.2')
      .process('b', 7, 'redis')
      .listen('b', 7, 6379);
    w.connect('a', 3, 'b', 6379, { accepted: false });
    const [edge] = mergeFleet(w.inputs()).edges;
    expect(edge).toMatchObject({
      serverHost: 'id-b',
      serverPid: 7,
      serverProcess: 'redis',
      confirmed: 0,
      unmatched: false,
    });
  });

  it('does not confirm through NAT: the server sees another address, so the listener matches and nothing is confirmed', () => {
    const w = new FleetWorld().host('a', '10.3.0.1').host('b', '10.3.0.2').listen('b', 7, 80);
    w.connect('a', 3, 'b', 80, { serverPid: 7, seenAs: '10.3.255.254' });
    expect(mergeFleet(w.inputs()).edges[0]).toMatchObject({ serverPid: 7, count: 1, confirmed: 0 });
  });

  it('keeps endpoints no host owns as unmatched, with the address dialed and why, never paired', () => {
    const w = new FleetWorld().host('a', '10.4.0.1').host('b', '10.4.0.2').listen('b', 7, 443);
    w.connect('a', 3, null, 443, { dialed: '203.0.113.50' }); // the same port as b's listener, elsewhere
    const fleet = mergeFleet(w.inputs());
    expect(fleet.edges).toEqual([
      expect.objectContaining({
        clientHost: 'id-a',
        serverHost: null,
        serverPid: null,
        unmatched: true,
        remoteAddress: '203.0.113.50',
        port: 443,
        reason: 'no host of the fleet has this address',
      }),
    ]);
    expect(fleet.hosts[0]!.unmatchedConnections).toBe(1);
  });

  it('an address two hosts own is resolved by the one that confirms it, else left unmatched', () => {
    const w = new FleetWorld()
      .host('a', '10.5.0.1')
      .host('b', '172.17.0.1')
      .host('c', '172.17.0.1') // Docker's default bridge address is on every Docker host
      .listen('b', 7, 80)
      .listen('c', 8, 80);
    w.connect('a', 3, 'c', 80, { serverPid: 8 });
    w.connect('a', 4, 'c', 80, { accepted: false });
    const edges = mergeFleet(w.inputs()).edges;
    expect(edges.find((e) => e.clientPid === 3)).toMatchObject({ serverHost: 'id-c', serverPid: 8, confirmed: 1 });
    expect(edges.find((e) => e.clientPid === 4)).toMatchObject({
      serverHost: null,
      unmatched: true,
      reason: '2 hosts of the fleet have this address',
    });
  });

  it('reports failed sources and a host listed twice, and still merges the rest', () => {
    const w = threeHosts();
    const inputs = [
      ...w.inputs(),
      { source: 'http://10.9.9.9:7777/?token=***', snapshot: null, error: 'connection refused' },
      { source: 'web-again.json', snapshot: w.snapshot('web'), error: null },
    ];
    const fleet = mergeFleet(inputs);
    expect(fleet.hosts.slice(3).map((h) => [h.ok, h.error])).toEqual([
      [false, 'connection refused'],
      [false, 'the same host as web.json (host id id-web): read once'],
    ]);
    expect(fleet.edges.reduce((n, e) => n + e.count, 0)).toBe(3);
  });

  it('tells apart hosts that share a machine id but not their addresses (namespaces of one machine)', () => {
    const w = threeHosts();
    const inputs = w
      .inputs()
      .map((i) => ({ ...i, snapshot: { ...i.snapshot, host: { ...i.snapshot.host, id: 'same' } } }));
    const fleet = mergeFleet(inputs);
    expect(fleet.hosts.map((h) => [h.id, h.ok])).toEqual([
      ['same', true],
      ['same#2', true],
      ['same#3', true],
    ]);
    expect(fleet.edges.map((e) => [e.clientHost, e.serverHost, e.confirmed])).toEqual([
      ['same', 'same#2', 2],
      ['same#2', 'same#3', 1],
    ]);
  });

  it('falls back to hostname@source as the id for files without host.id', () => {
    const fleet = mergeFleet(threeHosts().inputs(false));
    expect(fleet.hosts.map((h) => h.id)).toEqual(['web@web.json', 'api@api.json', 'db@db.json']);
    expect(fleet.edges[1]).toMatchObject({ clientHost: 'web@web.json', serverHost: 'api@api.json' });
  });

  it('leaves loopback connections and those to its own address to the host snapshot', () => {
    const w = new FleetWorld().host('a', '10.6.0.1').host('b', '10.6.0.2').listen('a', 1, 80).listen('b', 2, 80);
    w.connect('a', 3, 'a', 80, { serverPid: 1 }).connect('a', 3, null, 80, { dialed: '127.0.0.1' });
    expect(mergeFleet(w.inputs()).edges).toEqual([]);
  });

  // Property: an edge is confirmed only when both ends exist, and pairing is symmetric — every
  // confirmed connection counted from the client's side is one accepted end on the server's.
  it('confirms only connections both hosts show, and counts each end once (property)', () => {
    const link = fc.record({
      from: fc.integer({ min: 0, max: 3 }),
      to: fc.integer({ min: 0, max: 4 }), // 4: a host outside the fleet
      port: fc.constantFrom(80, 443, 5432),
      accepted: fc.boolean(),
      nat: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(link, { maxLength: 30 }), (links) => {
        const w = new FleetWorld();
        for (let i = 0; i < 4; i++)
          w.host(`h${i}`, `10.7.0.${i + 1}`)
            .listen(`h${i}`, 100 + i, 80)
            .listen(`h${i}`, 100 + i, 443);
        let bothEnds = 0;
        let viaFleet = 0;
        for (const [i, l] of links.entries()) {
          if (l.from === l.to) continue;
          const to = l.to === 4 ? null : `h${l.to}`;
          const seenAs = l.nat ? '10.7.255.254' : undefined;
          w.connect(`h${l.from}`, 10 + i, to, l.port, { serverPid: 100 + l.to, accepted: l.accepted, seenAs });
          if (to) viaFleet++;
          if (to && l.accepted && !l.nat) bothEnds++;
        }
        const fleet = mergeFleet(w.inputs());
        const confirmed = fleet.edges.reduce((n, e) => n + e.confirmed, 0);
        expect(confirmed).toBe(bothEnds);
        for (const e of fleet.edges) {
          expect(e.confirmed).toBeLessThanOrEqual(e.count);
          if (e.confirmed > 0) expect(e.serverHost).not.toBeNull();
          expect(e.unmatched).toBe(e.serverPid === null);
        }
        const out = fleet.hosts.reduce((n, h) => n + h.clientConnections, 0);
        const inn = fleet.hosts.reduce((n, h) => n + h.serverConnections, 0);
        expect(out).toBe(inn);
        const matched = fleet.edges.filter((e) => !e.unmatched).reduce((n, e) => n + e.count, 0);
        expect(matched).toBe(out);
        // 5432 has no listener anywhere: only a confirmed accepted end makes it an edge.
        expect(out).toBe(
          viaFleet -
            links.filter((l) => l.from !== l.to && l.to !== 4 && l.port === 5432 && !(l.accepted && !l.nat)).length,
        );
      }),
      { numRuns: 200 },
    );
  });
});
