/**
 * The settings the UI keeps in localStorage, each with a zod schema for what may be read back: a
 * value that fails (edited by hand, left by an older version, cut short) gives the default, and
 * a storage that is full or disabled leaves the setting in force for this page only.
 * Keys and stored formats are those of earlier versions, so what a user saved still reads.
 */
import type { GridSortModel } from '@mui/x-data-grid';
import { z } from 'zod';

export interface Setting<T> {
  key: string;
  /** From the stored text to the value. */
  schema: z.ZodType<T, string>;
  fallback: T;
  /** From the value to the stored text (what `schema` reads back). */
  format(value: T): string;
}

/** Stored text that holds JSON, checked by `schema` once parsed. */
function jsonText<T>(schema: z.ZodType<T>): z.ZodType<T, string> {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

export function readSetting<T>(setting: Setting<T>): T {
  let text: string | null;
  try {
    text = localStorage.getItem(setting.key);
  } catch {
    return setting.fallback; // storage disabled
  }
  if (text === null) return setting.fallback;
  const read = setting.schema.safeParse(text);
  return read.success ? read.data : setting.fallback;
}

/** Saves the value; false when storage is full or disabled (the value then lasts for this page). */
export function writeSetting<T>(setting: Setting<T>, value: T): boolean {
  try {
    localStorage.setItem(setting.key, setting.format(value));
    return true;
  } catch {
    return false;
  }
}

/** Live refresh on or off: stored as `on` / `off`; anything but `off` is on. */
export const liveSetting: Setting<boolean> = {
  key: 'sockeye.live',
  schema: z.string().transform((text) => text !== 'off'),
  fallback: true,
  format: (on) => (on ? 'on' : 'off'),
};

/** The live refresh interval in ms, as plain digits; the bounds are those `live` accepts (contract/api.ts). */
export const intervalSetting: Setting<number> = {
  key: 'sockeye.interval',
  schema: z
    .string()
    .transform((text) => Number(text))
    .pipe(z.number().int().min(250).max(60_000)),
  fallback: 1000,
  format: (ms) => String(ms),
};

export const HISTORY_LIMIT = 20;

/** The filter box's history, most recent first: entries that are not text are dropped. */
export const filterHistorySetting: Setting<string[]> = {
  key: 'sockeye.filter.history',
  schema: jsonText(
    z.array(z.unknown()).transform((v) => v.filter((x): x is string => typeof x === 'string').slice(0, HISTORY_LIMIT)),
  ),
  fallback: [],
  format: (history) => JSON.stringify(history),
};

const sortItem = z.object({ field: z.string(), sort: z.enum(['asc', 'desc']).nullable() });

/** A grid's sort (`sockeye.sort.VIEW`), as the DataGrid's sort model. */
export function sortSetting(view: string, fallback: GridSortModel): Setting<GridSortModel> {
  return {
    key: `sockeye.sort.${view}`,
    schema: jsonText(z.array(sortItem)),
    fallback,
    format: (sort) => JSON.stringify(sort),
  };
}

export interface DnsSettings {
  /** Resolve remote addresses as they come into view. */
  auto: boolean;
  /** `HOST[:PORT]`, or '' for the server's default (its --dns-server, else the system's). */
  server: string;
  timeoutMs: number;
}

export const DEFAULT_DNS_SETTINGS: DnsSettings = { auto: false, server: '', timeoutMs: 2000 };

/** The DNS settings: each field that fails falls back on its own, so one bad field loses nothing else. */
export const dnsSetting: Setting<DnsSettings> = {
  key: 'sockeye.dns.settings',
  schema: jsonText(
    z.object({
      auto: z.boolean().catch(DEFAULT_DNS_SETTINGS.auto),
      server: z
        .string()
        .transform((s) => s.slice(0, 300))
        .catch(DEFAULT_DNS_SETTINGS.server),
      timeoutMs: z.number().min(50).max(30_000).catch(DEFAULT_DNS_SETTINGS.timeoutMs),
    }),
  ),
  fallback: DEFAULT_DNS_SETTINGS,
  format: (settings) => JSON.stringify(settings),
};
