/**
 * Docker's published ports, when its userland proxy carries them: one `docker-proxy` process per
 * published port, started as `docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080
 * -container-ip 172.17.0.2 -container-port 80`. Its own arguments say what it forwards to, so
 * that is shown (and its connection to the container pairs like any other across namespaces);
 * nothing is inferred from the port alone. Ports published by DNAT only (userland-proxy off)
 * have no process on the host and are not shown as published.
 */

export interface DockerProxyTarget {
  protocol: string;
  hostPort: number;
  containerIp: string;
  containerPort: number;
  /** `-host-ip`, where given (absent: all addresses). */
  hostIp?: string | null;
}

/** What a docker-proxy forwards, from its command line; null for any other process or unreadable arguments. */
export function dockerProxyTarget(name: string, cmdline: string | null): DockerProxyTarget | null {
  if (name !== 'docker-proxy' || !cmdline) return null;
  const args = cmdline.split(/\s+/);
  const arg = (flag: string) => {
    const i = args.findIndex((a) => a === flag || a === `-${flag}`);
    return i >= 0 ? (args[i + 1] ?? null) : null;
  };
  const containerIp = arg('-container-ip');
  const containerPort = Number(arg('-container-port'));
  const hostPort = Number(arg('-host-port'));
  if (!containerIp || !Number.isInteger(containerPort) || !Number.isInteger(hostPort)) return null;
  return { protocol: arg('-proto') ?? 'tcp', hostPort, containerIp, containerPort, hostIp: arg('-host-ip') };
}

/** `8080 → 172.17.0.2:80` (`[v6]:port` for IPv6). */
export function dockerProxyText(t: DockerProxyTarget): string {
  const ip = t.containerIp.includes(':') ? `[${t.containerIp}]` : t.containerIp;
  return `${t.hostPort}/${t.protocol} → ${ip}:${t.containerPort}`;
}
