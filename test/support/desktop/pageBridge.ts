/**
 * contextBridge across a real process boundary: the objects the preload exposed (in the test
 * process) appear in every frame of the page (in Chromium) as `window[key]`, each function a
 * Playwright binding, so arguments and results are serialized by CDP both ways, as Electron
 * copies them between worlds. Functions cross as references both ways (a listener passed to
 * onEvent is called back in its own frame, in order; the unsubscribe function it returns calls
 * back into the preload).
 *
 * One difference from Electron, by necessity: a binding is asynchronous, so what a bridged
 * function returns is seen by the page as a function that is also a promise (callable, and
 * awaitable). That covers what Sockeye's API returns — promises, and onEvent's unsubscribe.
 */
import type { BrowserContext, Frame } from 'playwright-core';
import { callingFrame, type Exposure } from './preloadSandbox';
import type { FrameInfo } from './wire';

type Member = { kind: 'function' } | { kind: 'value'; value: unknown };
type Shape = { key: string; members: Record<string, Member> }[];

const BINDING = '__electronStandInBridge';

/** The page side, run in every frame before the page's own scripts. */
function pageShim([shape, binding]: [Shape, string]): void {
  const w = window as unknown as Record<string, unknown>;
  const callbacks = new Map<number, (...a: unknown[]) => unknown>();
  let nextCallback = 1;
  Object.defineProperty(w, '__electronStandInCallbacks', { value: callbacks });
  const call = (msg: unknown) => (w[binding] as (m: unknown) => Promise<unknown>)(msg);
  const wrapArg = (v: unknown) => {
    if (typeof v !== 'function') return v;
    callbacks.set(nextCallback, v as (...a: unknown[]) => unknown);
    return { __standInCallback: nextCallback++ };
  };
  const unwrap = (r: unknown): unknown =>
    r && typeof r === 'object' && '__standInFunction' in r
      ? (...a: unknown[]) =>
          call({
            op: 'callReturned',
            id: (r as { __standInFunction: number }).__standInFunction,
            args: a.map(wrapArg),
          }).then(unwrap)
      : r;
  /** Callable (for a returned function) and awaitable (for a returned promise). */
  const callableThenable = (p: Promise<unknown>) => {
    const f = (...a: unknown[]) => p.then((fn) => (fn as (...x: unknown[]) => unknown)(...a));
    return Object.assign(f, {
      then: p.then.bind(p),
      catch: p.catch.bind(p),
      finally: p.finally.bind(p),
    });
  };
  for (const { key, members } of shape) {
    const api: Record<string, unknown> = {};
    for (const [name, m] of Object.entries(members)) {
      api[name] =
        m.kind === 'value'
          ? m.value
          : (...args: unknown[]) =>
              callableThenable(call({ op: 'call', key, name, args: args.map(wrapArg) }).then(unwrap));
    }
    Object.defineProperty(w, key, { value: Object.freeze(api), enumerable: true });
  }
}

export interface Bridge {
  /** Point the bridge at the preload run for the current document. */
  setExposures(exposures: Exposure[]): void;
}

/** Install the bridge in a context whose pages are one window; `frameInfo` says how Electron would name a frame. */
export async function installBridge(
  context: BrowserContext,
  exposures: Exposure[],
  frameInfo: (f: Frame) => FrameInfo,
): Promise<Bridge> {
  let current = exposures;
  const returned = new Map<number, (...a: unknown[]) => unknown>();
  let nextReturned = 1;
  // Calls back into a frame go one after another, so events arrive in the order they were sent.
  const queues = new WeakMap<Frame, Promise<unknown>>();
  const callBack =
    (frame: Frame, id: number) =>
    (...args: unknown[]) => {
      const prev = queues.get(frame) ?? Promise.resolve();
      const next = prev
        .then(() =>
          frame.evaluate(
            ([cb, a]) => {
              const fn = (
                window as unknown as { __electronStandInCallbacks: Map<number, (...x: unknown[]) => unknown> }
              ).__electronStandInCallbacks.get(cb as number);
              fn?.(...(a as unknown[]));
            },
            [id, args] as const,
          ),
        )
        .catch(() => {}); // a frame that went away takes no more events
      queues.set(frame, next);
    };
  const unwrapArgs = (frame: Frame, args: unknown[]) =>
    args.map((a) =>
      a && typeof a === 'object' && '__standInCallback' in a
        ? callBack(frame, (a as { __standInCallback: number }).__standInCallback)
        : a,
    );
  const wrapResult = async (r: unknown): Promise<unknown> => {
    const v = await r;
    if (typeof v !== 'function') return v;
    returned.set(nextReturned, v as (...a: unknown[]) => unknown);
    return { __standInFunction: nextReturned++ };
  };

  await context.exposeBinding(
    BINDING,
    async (source, msg: { op: string; key?: string; name?: string; id?: number; args: unknown[] }) => {
      const frame = source.frame;
      return callingFrame.run(frameInfo(frame), async () => {
        if (msg.op === 'callReturned') return wrapResult(returned.get(msg.id!)?.(...unwrapArgs(frame, msg.args)));
        const api = current.find((e) => e.key === msg.key)?.api;
        const fn = api?.[msg.name!];
        if (typeof fn !== 'function') throw new Error(`${msg.key}.${msg.name} is not a function`);
        return wrapResult((fn as (...a: unknown[]) => unknown)(...unwrapArgs(frame, msg.args)));
      });
    },
  );
  const shape: Shape = exposures.map(({ key, api }) => ({
    key,
    members: Object.fromEntries(
      Object.entries(api).map(([name, v]) => {
        if (typeof v === 'function') return [name, { kind: 'function' }];
        if (v === null || ['string', 'number', 'boolean'].includes(typeof v))
          return [name, { kind: 'value', value: v }];
        throw new Error(
          `contextBridge stand-in: ${key}.${name} is a ${typeof v}; only functions and plain values are bridged`,
        );
      }),
    ),
  }));
  await context.addInitScript(pageShim, [shape, BINDING] as [Shape, string]);
  return {
    setExposures(e) {
      current = e;
    },
  };
}
