/**
 * The collectors' names, apart from model.ts so that the CLI can check `--collector` without
 * loading zod (the largest module of its snapshot path).
 */
export const COLLECTOR_NAMES = ['procfs', 'systeminformation'] as const;

export type CollectorName = (typeof COLLECTOR_NAMES)[number];

export function isCollectorName(name: string): name is CollectorName {
  return (COLLECTOR_NAMES as readonly string[]).includes(name);
}
