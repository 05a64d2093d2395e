/**
 * The history methods of the API (issue 15), for both transports. Everything runs beside
 * collection (the snapshot worker) and comes back as JSON text, passed through unparsed; only the
 * small info answer is read here, to add what the serving side knows (whether the UI may toggle).
 */
import { ApiError } from '../../common/contract/api';
import type { HistoryInfo } from '../../common/contract/historyApi';
import { piecedToString } from '../snapshot/shipPieces';
import type { SnapshotService } from '../snapshot/snapshotService';
import type { HistoryOp } from '../history/historyOps';
import { PiecedJson, type Handlers } from './apiDispatch';

type HistoryHandlerNames =
  | 'historyInfo'
  | 'historyAt'
  | 'historyEvents'
  | 'historyAlerts'
  | 'historySetRules'
  | 'historyExpectCurrent'
  | 'historySetRecording';

export interface HistoryControl {
  /** Desktop: turn recording on or off and keep the choice (electron-main's setting). */
  setRecording?: (enabled: boolean) => Promise<void>;
}

export function historyHandlers(
  snapshots: SnapshotService,
  control: HistoryControl,
  savedOnly: boolean,
): Pick<Handlers, HistoryHandlerNames> {
  // Every message of the history side (a file not ours, another recorder, a bad filter) is for the user.
  const run = async (req: HistoryOp): Promise<PiecedJson> => {
    if (savedOnly && req.op !== 'info') throw new ApiError('a saved snapshot has no history', 'UNAVAILABLE');
    try {
      return new PiecedJson(await snapshots.history(req));
    } catch (err) {
      throw new ApiError(err instanceof Error ? err.message : String(err), 'HISTORY');
    }
  };
  const info = async (): Promise<HistoryInfo> => {
    const parsed = JSON.parse(piecedToString((await run({ op: 'info' })).json)) as HistoryInfo;
    return { ...parsed, canToggle: control.setRecording !== undefined && !savedOnly };
  };
  return {
    historyInfo: info,
    historyAt: ({ at }) => run({ op: 'at', at }),
    historyEvents: (params) => run({ op: 'events', ...params }),
    historyAlerts: (params) => run({ op: 'alerts', ...params }),
    historySetRules: (params) => run({ op: 'setRules', ...params }),
    historyExpectCurrent: () => run({ op: 'expectCurrent' }),
    historySetRecording: async ({ enabled }) => {
      if (!control.setRecording || savedOnly)
        throw new ApiError(
          'sockeye serve records as its command line says (--record); restart it to change that',
          'UNAVAILABLE',
        );
      await control.setRecording(enabled);
      return info();
    },
  };
}
