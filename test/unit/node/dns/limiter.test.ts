import { describe, expect, it } from 'vitest';
import { DeadlineError, Limiter, LimiterClosedError } from '../../../../src/node/dns/limiter';

describe('Limiter', () => {
  it('runs at most N at once and hands slots on in order', async () => {
    const l = new Limiter(2);
    const far = Date.now() + 10_000;
    const r1 = await l.acquire(far);
    await l.acquire(far);
    let third = false;
    const p3 = l.acquire(far).then((r) => ((third = true), r));
    await new Promise((r) => setTimeout(r, 10));
    expect(third).toBe(false);
    expect(l.active).toBe(2);
    r1();
    r1(); // releasing twice frees one slot only
    (await p3)();
    expect(third).toBe(true);
    expect(l.active).toBe(1);
  });

  it('a waiter gives up at its deadline; close() rejects the rest', async () => {
    const l = new Limiter(1);
    await l.acquire(Date.now() + 10_000);
    await expect(l.acquire(Date.now() + 20)).rejects.toBeInstanceOf(DeadlineError);
    const waiting = l.acquire(Date.now() + 10_000);
    l.close();
    await expect(waiting).rejects.toBeInstanceOf(LimiterClosedError);
    await expect(l.acquire(Date.now() + 10_000)).rejects.toBeInstanceOf(LimiterClosedError);
  });
});
