/**
 * What every row's action buttons need: whether this session may act (and why not), and a way to
 * ask for a stop or a close — answered by the one confirmation dialog the provider renders, the
 * same in the desktop window and in the browser.
 */
import { createContext, useContext } from 'react';
import type { ActionsInfo } from '../../../common/actions/actionApi';
import type { Socket } from '../../../common/model/model';

export interface ActionsValue {
  info: ActionsInfo | null;
  /** Why stopping is greyed out here (actions off, a saved snapshot), or null when it is allowed. */
  stopOff: string | null;
  /** Why closing is greyed out here (also: the platform, a capability, the kernel), or null. */
  closeOff: string | null;
  requestStop(pid: number): void;
  requestClose(sockets: Socket[]): void;
  /** Bumped after every action, so the activity list reloads. */
  logVersion: number;
}

export const ActionsContext = createContext<ActionsValue>({
  info: null,
  stopOff: 'actions are not available here',
  closeOff: 'actions are not available here',
  requestStop: () => {},
  requestClose: () => {},
  logVersion: 0,
});

export function useActions(): ActionsValue {
  return useContext(ActionsContext);
}
