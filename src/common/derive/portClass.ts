import type { PortClass } from '../model/model';

/** IANA port ranges: system (0–1023), registered (1024–49151), dynamic/private (49152–65535). */
export function portClass(port: number): PortClass {
  if (port <= 1023) return 'system';
  if (port <= 49151) return 'registered';
  return 'dynamic';
}
