/**
 * The calls a WebSocket client has sent and not yet heard back from: each waits for the message
 * with its id (its result checked against the contract), its own timeout, or the connection's end.
 */
import type { MethodName } from '../../../common/contract/api';
import { validateResult } from './validateResult';

/** Characters above which a result is validated in a task of its own. */
const BIG_MESSAGE = 1_000_000;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  method: MethodName;
  timer: ReturnType<typeof setTimeout>;
}

export interface Answer {
  id?: number;
  result?: unknown;
  error?: { code: string; message: string };
}

export class PendingCalls {
  private readonly calls = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly timeoutMs: number) {}

  /** A new call's id and the promise of its result. */
  add(method: MethodName): { id: number; result: Promise<unknown> } {
    const id = this.nextId++;
    const result = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.calls.delete(id);
        reject(new Error(`${method} timed out`));
      }, this.timeoutMs);
      this.calls.set(id, { resolve, reject, method, timer });
    });
    return { id, result };
  }

  /** Settle the call `answer` is for (`size`: the message's length); unknown ids are ignored. */
  settle(answer: Answer, size: number): void {
    const call = typeof answer.id === 'number' ? this.calls.get(answer.id) : undefined;
    if (!call) return;
    this.calls.delete(answer.id!);
    clearTimeout(call.timer);
    if (answer.error) return call.reject(new Error(`${answer.error.message} (${answer.error.code})`));
    validateResult(call.method, answer.result, 'the server', size > BIG_MESSAGE).then(call.resolve, call.reject);
  }

  /** Fail every call in flight with `why`. */
  failAll(why: string): void {
    for (const [id, call] of this.calls) {
      clearTimeout(call.timer);
      call.reject(new Error(why));
      this.calls.delete(id);
    }
  }
}
