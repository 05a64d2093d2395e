import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_DNS_SETTINGS,
  dnsSetting,
  filterHistorySetting,
  HISTORY_LIMIT,
  intervalSetting,
  liveSetting,
  readSetting,
  sortSetting,
  writeSetting,
} from '../../../../src/renderer/src/state/settings';

/** The Web Storage interface over a Map (Node 20 has no localStorage); `broken` throws like a disabled one. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  broken = false;
  getItem(key: string): string | null {
    if (this.broken) throw new Error('SecurityError: storage disabled');
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.broken) throw new Error('QuotaExceededError');
    this.items.set(key, String(value));
  }
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  (globalThis as { localStorage?: unknown }).localStorage = storage;
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('stored settings', () => {
  it('read the default while nothing is stored, and read back what was written in the old formats', () => {
    expect(readSetting(liveSetting)).toBe(true);
    expect(readSetting(intervalSetting)).toBe(1000);
    expect(readSetting(filterHistorySetting)).toEqual([]);
    expect(readSetting(dnsSetting)).toEqual(DEFAULT_DNS_SETTINGS);
    expect(readSetting(sortSetting('ports', [{ field: 'port', sort: 'asc' }]))).toEqual([
      { field: 'port', sort: 'asc' },
    ]);

    writeSetting(liveSetting, false);
    writeSetting(intervalSetting, 5000);
    writeSetting(filterHistorySetting, ['port:443', 'proc:nginx']);
    writeSetting(dnsSetting, { auto: true, server: '127.0.0.1:5353', timeoutMs: 900 });
    writeSetting(sortSetting('ports', []), [{ field: 'owner', sort: 'desc' }]);
    // The stored text is what earlier versions wrote and read.
    expect(Object.fromEntries(storage.items)).toEqual({
      'sockeye.live': 'off',
      'sockeye.interval': '5000',
      'sockeye.filter.history': '["port:443","proc:nginx"]',
      'sockeye.dns.settings': '{"auto":true,"server":"127.0.0.1:5353","timeoutMs":900}',
      'sockeye.sort.ports': '[{"field":"owner","sort":"desc"}]',
    });
    expect(readSetting(liveSetting)).toBe(false);
    expect(readSetting(intervalSetting)).toBe(5000);
    expect(readSetting(filterHistorySetting)).toEqual(['port:443', 'proc:nginx']);
    expect(readSetting(dnsSetting)).toEqual({ auto: true, server: '127.0.0.1:5353', timeoutMs: 900 });
    expect(readSetting(sortSetting('ports', []))).toEqual([{ field: 'owner', sort: 'desc' }]);
  });

  it('give the default for text that is cut short, not JSON, or of the wrong shape', () => {
    const fallback = [{ field: 'label', sort: 'asc' as const }];
    for (const bad of ['[{"field":"pid"', 'nope', 'null', '{}', '[{"field":3,"sort":"asc"}]', '[{"field":"pid"}]']) {
      storage.setItem('sockeye.sort.processes', bad);
      expect(readSetting(sortSetting('processes', fallback)), bad).toEqual(fallback);
    }
    for (const bad of ['', 'abc', '-5', '100', '1500.5', '999999']) {
      storage.setItem('sockeye.interval', bad);
      expect(readSetting(intervalSetting), bad).toBe(1000);
    }
    for (const bad of ['[', '"port:1"', '{"a":1}']) {
      storage.setItem('sockeye.filter.history', bad);
      expect(readSetting(filterHistorySetting), bad).toEqual([]);
    }
    for (const bad of ['{', 'null', '7', '[]']) {
      storage.setItem('sockeye.dns.settings', bad);
      expect(readSetting(dnsSetting), bad).toEqual(DEFAULT_DNS_SETTINGS);
    }
  });

  it('keep the good part of a partly bad value', () => {
    storage.setItem(
      'sockeye.filter.history',
      JSON.stringify(['a', 3, null, 'b', ...Array.from({ length: 30 }, (_, i) => `x${i}`)]),
    );
    const history = readSetting(filterHistorySetting);
    expect(history.slice(0, 3)).toEqual(['a', 'b', 'x0']);
    expect(history).toHaveLength(HISTORY_LIMIT);

    // One bad DNS field falls back alone; a long server is cut to 300 characters; extra keys are dropped.
    storage.setItem(
      'sockeye.dns.settings',
      JSON.stringify({ auto: 'yes', server: 'x'.repeat(400), timeoutMs: 10, extra: 1 }),
    );
    expect(readSetting(dnsSetting)).toEqual({ auto: false, server: 'x'.repeat(300), timeoutMs: 2000 });
    storage.setItem('sockeye.dns.settings', JSON.stringify({ auto: true }));
    expect(readSetting(dnsSetting)).toEqual({ auto: true, server: '', timeoutMs: 2000 });

    // Live refresh is off only when stored as `off`.
    storage.setItem('sockeye.live', 'garbage');
    expect(readSetting(liveSetting)).toBe(true);
  });

  it('a storage that is full or disabled reads the default and reports the write it could not keep', () => {
    storage.broken = true;
    expect(readSetting(liveSetting)).toBe(true);
    expect(readSetting(dnsSetting)).toEqual(DEFAULT_DNS_SETTINGS);
    expect(writeSetting(intervalSetting, 2000)).toBe(false);
    storage.broken = false;
    expect(writeSetting(intervalSetting, 2000)).toBe(true);
  });
});
