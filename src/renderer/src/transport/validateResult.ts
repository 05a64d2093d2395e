/**
 * Every result is checked against the contract's result schema before the UI sees it, whichever
 * transport brought it (the WebSocket client, or the Electron preload: a main process that sends
 * something else is as wrong as a server that does). A whole snapshot (~5 MB at 20k sockets) is
 * validated in slices of sockets, each in a task of its own, not in one long task that freezes the page.
 */
import { apiMethods, type MethodName } from '../../../common/contract/api';
import { validateSnapshotInSlices } from './validateInSlices';

/**
 * The parsed result, or an error naming the method, who sent it (`from`) and the first problem.
 * `big` results are validated after a task break (a snapshot in slices).
 */
export function validateResult(method: MethodName, result: unknown, from: string, big: boolean): Promise<unknown> {
  const invalid = (why: string | undefined) => new Error(`${from} sent an invalid ${method} result: ${why ?? ''}`);
  const validate = () => {
    const parsed = apiMethods[method].result.safeParse(result);
    if (parsed.success) return parsed.data;
    throw invalid(parsed.error.issues[0]?.message);
  };
  if (!big) return new Promise((resolve) => resolve(validate()));
  if (method === 'snapshot') {
    return validateSnapshotInSlices(result).then(
      (r) => {
        if (r.ok) return r.snapshot;
        throw invalid(r.message);
      },
      (err: Error) => {
        throw invalid(err.message);
      },
    );
  }
  return new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(validate());
      } catch (err) {
        reject(err as Error);
      }
    }),
  );
}
