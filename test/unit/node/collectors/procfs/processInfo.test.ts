import { describe, expect, it } from 'vitest';
import { parseProcStat, readProcessInfo } from '../../../../../src/node/collectors/procfs/processInfo';

describe('parseProcStat', () => {
  it('reads name, ppid and start time, even when the name holds spaces and parentheses', () => {
    const text = '4985 (my (odd) name) S 4978 4978 1064 0 -1 4194304 121 0 0 0 0 0 0 0 20 0 1 0 327385 3133440 358';
    expect(parseProcStat(text)).toEqual({ name: 'my (odd) name', ppid: 4978, startTicks: 327385 });
  });
  it('returns null for text without a name', () => {
    expect(parseProcStat('garbage')).toBeNull();
  });
});

describe('readProcessInfo', () => {
  it('describes this very process from the real /proc', () => {
    const info = readProcessInfo(process.pid);
    expect(info).not.toBeNull();
    expect(info!.pid).toBe(process.pid);
    expect(info!.ppid).toBe(process.ppid);
    expect(info!.path).toBe(process.execPath);
    expect(info!.cwd).toBe(process.cwd());
    expect(info!.cmdline).toContain('node');
    expect(Date.parse(info!.startedAt!)).toBeLessThanOrEqual(Date.now());
  });
  it('returns null for a pid that does not exist', () => {
    expect(readProcessInfo(2 ** 30)).toBeNull();
  });
});
