/**
 * Provides the row actions to every view and renders their two confirmation dialogs. A target is
 * described from the snapshot on screen when it is asked for and frozen there: what the user
 * confirms is what the serving side re-checks.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SockeyeApi } from '../../../common/contract/api';
import type { ActionsInfo } from '../../../common/actions/actionApi';
import type { Snapshot, Socket } from '../../../common/model/model';
import { describeTarget, type KillTarget } from '../../../common/actions/killPlan';
import { closeTargetOf, type CloseTarget } from '../../../common/actions/closePlan';
import { ActionsContext, type ActionsValue } from './actionsContext';
import { StopProcessDialog } from './StopProcessDialog';
import { CloseConnectionsDialog } from './CloseConnectionsDialog';

export const SAVED_SNAPSHOT_OFF = 'this view shows a saved snapshot; actions act on the live machine only';

interface Props {
  api: SockeyeApi;
  /** The whole snapshot the window shows (not filtered). */
  snapshot: Snapshot | null;
  /** A saved snapshot is on screen: its processes are not the live ones. */
  saved: boolean;
  children: ReactNode;
}

export function ActionsProvider({ api, snapshot, saved, children }: Props) {
  const [info, setInfo] = useState<ActionsInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [stopTarget, setStopTarget] = useState<KillTarget | null>(null);
  const [closeTargets, setCloseTargets] = useState<CloseTarget[] | null>(null);
  const [logVersion, setLogVersion] = useState(0);
  // Read when a button is pressed, so a refresh does not re-render every row's buttons.
  const current = useRef(snapshot);
  useEffect(() => {
    current.current = snapshot;
  }, [snapshot]);
  useEffect(() => {
    let alive = true;
    api.actionsInfo({}).then(
      (i) => alive && setInfo(i),
      (err: unknown) => alive && setInfoError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      alive = false;
    };
  }, [api]);
  const requestStop = useCallback(
    (pid: number) => {
      const snap = current.current;
      const p = snap?.processes.find((x) => x.pid === pid);
      if (snap && p) setStopTarget(describeTarget(snap, p, info?.selfPids ?? []));
    },
    [info],
  );
  const requestClose = useCallback((sockets: Socket[]) => {
    const procs = new Map((current.current?.processes ?? []).map((p) => [p.pid, p]));
    setCloseTargets(sockets.map((s) => closeTargetOf(s, procs)));
  }, []);
  const value = useMemo<ActionsValue>(() => {
    const base = saved
      ? SAVED_SNAPSHOT_OFF
      : info === null
        ? (infoError ?? 'asking whether actions are allowed…')
        : info.allowed
          ? null
          : (info.reason ?? 'actions are off');
    return {
      info,
      stopOff: base,
      closeOff: base ?? (info && !info.close.supported ? info.close.note : null),
      requestStop,
      requestClose,
      logVersion,
    };
  }, [info, infoError, saved, requestStop, requestClose, logVersion]);
  const acted = useCallback(() => setLogVersion((v) => v + 1), []);
  return (
    <ActionsContext.Provider value={value}>
      {children}
      <StopProcessDialog
        api={api}
        target={stopTarget}
        killNote={info?.killNote ?? ''}
        onClose={() => setStopTarget(null)}
        onActed={acted}
      />
      <CloseConnectionsDialog api={api} targets={closeTargets} onClose={() => setCloseTargets(null)} onActed={acted} />
    </ActionsContext.Provider>
  );
}
