/**
 * The row buttons: stop a process, close a connection. Greyed out with the reason on hover (and
 * in their accessible description) where this session may not act.
 */
import type { MouseEvent } from 'react';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import StopCircleOutlinedIcon from '@mui/icons-material/StopCircleOutlined';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import type { Socket } from '../../../common/model/model';
import { closeRefusal } from '../../../common/actions/closePlan';
import { useActions } from './actionsContext';

function ActionIcon(props: {
  label: string;
  off: string | null;
  onClick(): void;
  icon: React.ReactNode;
  tabIndex?: number;
}) {
  const click = (e: MouseEvent) => {
    // The row's own click (open the story, select) is not what the button means.
    e.stopPropagation();
    props.onClick();
  };
  return (
    <Tooltip title={props.off ? `${props.label}: ${props.off}` : props.label}>
      <span data-action-off={props.off ?? undefined}>
        <IconButton
          size="small"
          aria-label={props.label}
          aria-description={props.off ?? undefined}
          disabled={props.off !== null}
          onClick={click}
          tabIndex={props.tabIndex}
        >
          {props.icon}
        </IconButton>
      </span>
    </Tooltip>
  );
}

export function StopButton({ pid, label, tabIndex }: { pid: number | null; label: string; tabIndex?: number }) {
  const { stopOff, requestStop } = useActions();
  if (pid === null) return null;
  return (
    <ActionIcon
      label={`Stop ${label}`}
      off={stopOff}
      onClick={() => requestStop(pid)}
      icon={<StopCircleOutlinedIcon fontSize="small" />}
      tabIndex={tabIndex}
    />
  );
}

export function CloseButton({ socket, tabIndex }: { socket: Socket; tabIndex?: number }) {
  const { closeOff, requestClose } = useActions();
  if (closeRefusal(socket) !== null) return null;
  return (
    <ActionIcon
      label={`Close connection ${socket.localPort} → ${socket.remotePort}`}
      off={closeOff}
      onClick={() => requestClose([socket])}
      icon={<LinkOffIcon fontSize="small" />}
      tabIndex={tabIndex}
    />
  );
}
