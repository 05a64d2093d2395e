/**
 * A concurrency limit whose waiters give up at their deadline, and which can be closed (every
 * waiter is rejected). A slot is held until the work really ends, even if its caller stopped
 * waiting: that is what keeps abandoned getaddrinfo calls from piling up on libuv's threads.
 */
export class LimiterClosedError extends Error {
  constructor() {
    super('the DNS resolver is shutting down');
    this.name = 'LimiterClosedError';
  }
}

export class DeadlineError extends Error {
  constructor() {
    super('deadline passed while waiting for a free slot');
    this.name = 'DeadlineError';
  }
}

interface Waiter {
  grant(): void;
  fail(err: Error): void;
}

export class Limiter {
  private running = 0;
  private readonly waiters: Waiter[] = [];
  private closed = false;

  constructor(readonly max: number) {}

  get active(): number {
    return this.running;
  }

  /** Waits for a slot until `deadline` (ms since epoch); the returned function frees it. */
  acquire(deadline: number): Promise<() => void> {
    if (this.closed) return Promise.reject(new LimiterClosedError());
    const release = () => {
      this.running--;
      this.next();
    };
    const once = () => {
      let done = false;
      return () => {
        if (!done) {
          done = true;
          release();
        }
      };
    };
    if (this.running < this.max) {
      this.running++;
      return Promise.resolve(once());
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(new DeadlineError());
        },
        Math.max(0, deadline - Date.now()),
      );
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          this.running++;
          resolve(once());
        },
        fail: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private next(): void {
    if (this.running < this.max) this.waiters.shift()?.grant();
  }

  close(): void {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.fail(new LimiterClosedError());
  }
}
