import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  containerFromCgroup,
  containerText,
  shortContainerId,
} from '../../../../src/common/containers/cgroupContainer';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/cgroup', name), 'utf8');
const DOCKER = '3f1c2a9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170615e4d3';
const PODMAN = '9c1e0b6f2d3a4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7';
const CRI = 'b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928';

describe('container from /proc/<pid>/cgroup (recorded formats)', () => {
  it.each([
    ['docker-systemd-v2.txt', { id: DOCKER, runtime: 'docker', name: null }],
    ['docker-cgroupfs-v1.txt', { id: DOCKER, runtime: 'docker', name: null }],
    ['podman-rootful-v2.txt', { id: PODMAN, runtime: 'podman', name: null }],
    ['podman-rootless-v2.txt', { id: PODMAN, runtime: 'podman', name: null }],
    ['containerd-k8s-v2.txt', { id: CRI, runtime: 'containerd', name: null }],
    ['crio-k8s-v2.txt', { id: CRI, runtime: 'crio', name: null }],
    ['kubepods-cgroupfs-v1.txt', { id: CRI, runtime: 'kubepods', name: null }],
    ['nspawn-v2.txt', { id: 'build-box', runtime: 'nspawn', name: 'build-box' }],
    ['lxc-v2.txt', { id: 'web01', runtime: 'lxc', name: 'web01' }],
  ])('%s', (file, expected) => {
    expect(containerFromCgroup(fixture(file))).toEqual(expected);
  });

  it.each(['host-service-v2.txt', 'host-user-v2.txt', 'podman-conmon-v2.txt'])(
    '%s is no container (a host service, a desktop app, the runtime’s own monitor)',
    (file) => {
      expect(containerFromCgroup(fixture(file))).toBeNull();
    },
  );

  it('reads nothing from empty, missing or malformed text', () => {
    expect(containerFromCgroup(null)).toBeNull();
    expect(containerFromCgroup('')).toBeNull();
    expect(containerFromCgroup('garbage without colons\n')).toBeNull();
    // A short id is not a Docker id: no guess.
    expect(containerFromCgroup('0::/docker/abc123\n')).toBeNull();
  });

  it('names a container by its name, else runtime and short id', () => {
    expect(shortContainerId({ id: DOCKER, runtime: 'docker' })).toBe(DOCKER.slice(0, 12));
    expect(containerText({ id: DOCKER, runtime: 'docker', name: null })).toBe(`docker ${DOCKER.slice(0, 12)}`);
    expect(containerText({ id: DOCKER, runtime: 'docker', name: 'web' })).toBe('web');
  });
});

describe('docker-proxy: a published port, from its own arguments', () => {
  it('labels the proxy with the port it publishes and the container address it forwards to', async () => {
    const { processLabel } = await import('../../../../src/common/derive/processLabel');
    const { dockerProxyTarget } = await import('../../../../src/common/containers/dockerProxy');
    // As Docker 24–27 start it (recorded from `ps -o args`).
    const cmdline =
      '/usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80 -use-listen-fd';
    expect(dockerProxyTarget('docker-proxy', cmdline)).toEqual({
      protocol: 'tcp',
      hostPort: 8080,
      containerIp: '172.17.0.2',
      containerPort: 80,
      hostIp: '0.0.0.0',
    });
    expect(processLabel({ name: 'docker-proxy', cmdline, cwd: '/' })).toBe('docker-proxy · 8080/tcp → 172.17.0.2:80');
    const v6 = '/usr/bin/docker-proxy -proto udp -host-ip :: -host-port 5353 -container-ip fd00::2 -container-port 53';
    expect(processLabel({ name: 'docker-proxy', cmdline: v6, cwd: '/' })).toBe(
      'docker-proxy · 5353/udp → [fd00::2]:53',
    );
  });

  it('guesses nothing: another name, or arguments without the container address, keep the plain name', async () => {
    const { processLabel } = await import('../../../../src/common/derive/processLabel');
    expect(processLabel({ name: 'docker-proxy', cmdline: '/usr/bin/docker-proxy -proto tcp', cwd: null })).toBe(
      'docker-proxy',
    );
    expect(
      processLabel({ name: 'nginx', cmdline: 'nginx -container-ip 1.2.3.4 -container-port 1 -host-port 2', cwd: null }),
    ).toBe('nginx');
  });
});
