/**
 * Who may act. The desktop app may (each action confirmed in the window); `sockeye serve' may
 * not unless started with --allow-actions, whatever a client sends. The server consults
 * `gateAction` before dispatching a call, and the action handlers check the same policy again,
 * so neither barrier depends on the other.
 */
import { ACTION_METHODS, ApiError, type MethodName } from '../../common/contract/api';
import type { Requester } from '../../common/actions/actionApi';

export interface ActionPolicy {
  allowed: boolean;
  /** Why not, shown beside the greyed action and returned with every refusal. */
  reason: string | null;
  requestedBy: Requester;
}

export const DESKTOP_POLICY: ActionPolicy = { allowed: true, reason: null, requestedBy: 'desktop' };

export const SERVE_ACTIONS_OFF =
  'actions are off in this browser session: sockeye serve was started without --allow-actions';

export function servePolicy(allowActions: boolean): ActionPolicy {
  return { allowed: allowActions, reason: allowActions ? null : SERVE_ACTIONS_OFF, requestedBy: 'serve client' };
}

export function isActionMethod(method: unknown): method is MethodName {
  return typeof method === 'string' && (ACTION_METHODS as readonly string[]).includes(method);
}

/** The refusal for a call under `policy`, or null when it may go ahead (not an action, or allowed). */
export function gateAction(policy: ActionPolicy, method: unknown): ApiError | null {
  if (!isActionMethod(method) || policy.allowed) return null;
  return new ApiError(policy.reason ?? 'actions are off', 'FORBIDDEN');
}

/** What the server runs before dispatching: a refusal to send back (already logged), or null to go on. */
export type ActionGate = (
  method: unknown,
  params: unknown,
  clientId: string,
) => Promise<{ ok: false; error: { code: string; message: string } } | null>;

export function createActionGate(
  policy: ActionPolicy,
  onRefused?: (method: string, params: unknown, clientId: string, reason: string) => Promise<void>,
): ActionGate {
  return async (method, params, clientId) => {
    const refusal = gateAction(policy, method);
    if (!refusal) return null;
    await onRefused?.(String(method), params, clientId, refusal.message);
    return { ok: false, error: { code: refusal.code, message: refusal.message } };
  };
}
