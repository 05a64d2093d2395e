/**
 * What `sockeye serve` may do beyond showing: the action policy (--allow-actions, never for a
 * saved snapshot), its handlers, the gate the server consults before every call, and the line
 * that warns when actions are on. Kept out of serve.ts so the server's own changes merge freely.
 */
import { createActionGate, servePolicy, type ActionGate, type ActionPolicy } from '../actions/actionGate';
import { ActionLog, defaultStateDir } from '../actions/actionLog';
import { createActionHandlers, type ActionHandlers } from '../actions/actionHandlers';

export interface ServeActions {
  policy: ActionPolicy;
  handlers: ActionHandlers;
  gate: ActionGate;
  /** The stderr line to print before the URL when actions are on, else null. */
  warning: string | null;
}

export function serveActions(opts: {
  allowActions: boolean;
  saved: boolean;
  onError: (message: string) => void;
}): ServeActions {
  // A saved snapshot's processes are not this host's to stop: no actions, whatever the flag says.
  const policy = opts.saved
    ? { ...servePolicy(false), reason: 'actions are off: this session shows a saved snapshot' }
    : servePolicy(opts.allowActions);
  const log = new ActionLog(defaultStateDir());
  const { handlers, recorder } = createActionHandlers({ policy, log, onError: opts.onError });
  const who = process.getuid?.() === 0 ? 'root' : 'this user';
  return {
    policy,
    handlers,
    gate: createActionGate(policy, (method, params, client, reason) =>
      recorder.refused(method, params, client, reason),
    ),
    warning: policy.allowed
      ? `actions are on: whoever opens the URL can stop processes and close connections as ${who} (logged to ${log.path})`
      : null,
  };
}
