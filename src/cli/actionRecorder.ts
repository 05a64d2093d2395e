/** The CLI's actions go to the same log as the app's and serve's, marked as asked from the command line. */
import { ActionLog, defaultStateDir } from '../node/actions/actionLog';
import { ActionRecorder } from '../node/actions/actionHandlers';

export function cliRecorder(): ActionRecorder {
  return new ActionRecorder({
    policy: { allowed: true, reason: null, requestedBy: 'cli' },
    log: new ActionLog(defaultStateDir()),
    onError: (m) => process.stderr.write(`sockeye: warning: ${m}\n`),
  });
}
