/**
 * One dispatcher for both transports (Electron IPC and the WebSocket of `sockeye serve`): checks
 * the method name, validates params with the shared schema before anything runs, calls the
 * handler and returns JSON text. Snapshots come back from the worker as JSON text already and
 * are passed through as `PiecedJson`, never parsed and re-stringified on the serving thread.
 */
import {
  ApiError,
  apiMethods,
  isMethodName,
  type ApiMethods,
  type MethodName,
  type ResultOf,
} from '../../common/contract/api';
import type { z } from 'zod';
import type { PiecedText } from '../../common/wire/pieces';

/** A result that is already JSON text (a snapshot: pieces, forwarded as they are). */
export class PiecedJson {
  constructor(readonly json: PiecedText) {}
}

/** Who is calling: one Electron window or one WebSocket connection. */
export interface CallContext {
  clientId: string;
  /** Push an event (JSON text of an ApiEvent) to this client. */
  push(eventJson: PiecedText): void;
}

export type Handlers = {
  [M in MethodName]: (params: z.output<ApiMethods[M]['params']>, ctx: CallContext) => Promise<ResultOf<M> | PiecedJson>;
};

export type DispatchOutcome = { ok: true; json: PiecedText } | { ok: false; error: { code: string; message: string } };

export async function dispatch(
  handlers: Handlers,
  method: unknown,
  params: unknown,
  ctx: CallContext,
): Promise<DispatchOutcome> {
  if (!isMethodName(method)) {
    return {
      ok: false,
      error: { code: 'BAD_REQUEST', message: `unknown method ${JSON.stringify(String(method)).slice(0, 80)}` },
    };
  }
  const parsed = apiMethods[method].params.safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return {
      ok: false,
      error: { code: 'BAD_REQUEST', message: `invalid params for ${method}${where}: ${issue?.message ?? 'invalid'}` },
    };
  }
  try {
    const handler = handlers[method] as (p: unknown, c: CallContext) => Promise<unknown>;
    const result = await handler(parsed.data, ctx);
    return { ok: true, json: result instanceof PiecedJson ? result.json : JSON.stringify(result) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: { code: err.code, message: err.message } };
    // Anything else is our bug or the OS's: say what failed, never how (no stack to the client).
    return { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
  }
}
