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
