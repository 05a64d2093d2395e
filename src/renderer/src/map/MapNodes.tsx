/**
 * How each kind of map node looks. Sizes come from NODE_SIZE (the same numbers ELK laid out
 * with). Role and exposure are words on chips, not colour alone. Plain elements styled by
 * map.css, not MUI components: see the note there.
 */
import { memo, type CSSProperties } from 'react';
import type { Theme } from '@mui/material/styles';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { MapNode } from '../../../common/viewModel/map/mapGraph';
import type { Role } from '../../../common/model/model';
import { NODE_SIZE } from '../../../common/viewModel/map/elkGraph';
import './map.css';
import { visibleText } from '../ui/visibleText';

export interface MapNodeData extends Record<string, unknown> {
  node: MapNode;
  onExpand(groupId: string): void;
  onShowAll(): void;
}

export type FlowNode = Node<MapNodeData>;

/** The theme's colours as the CSS variables map.css reads; set once on the map region. */
export function mapThemeVars(theme: Theme): CSSProperties {
  const p = theme.palette;
  return {
    '--sk-divider': p.divider,
    '--sk-paper': p.background.paper,
    '--sk-text': p.text.primary,
    '--sk-text2': p.text.secondary,
    '--sk-action': p.action.active,
    '--sk-hover': p.action.hover,
    '--sk-primary': p.primary.main,
    '--sk-info': p.info.main,
    '--sk-info-text': p.info.contrastText,
    '--sk-success': p.success.main,
    '--sk-success-text': p.success.contrastText,
    '--sk-secondary': p.secondary.main,
    '--sk-secondary-text': p.secondary.contrastText,
    '--sk-warning': p.warning.main,
    '--sk-warning-text': p.warning.contrastText,
    '--sk-font': theme.typography.fontFamily,
  } as CSSProperties;
}

const hidden = { opacity: 0, pointerEvents: 'none' as const };

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} style={hidden} />
      <Handle type="source" position={Position.Right} isConnectable={false} style={hidden} />
    </>
  );
}

function Frame({ node, children, dashed }: { node: MapNode; children: React.ReactNode; dashed?: boolean }) {
  const cls = ['sk-node', dashed ? 'sk-dashed' : '', node.exposure ? 'sk-exposed' : ''].filter(Boolean).join(' ');
  return (
    <div className={cls} style={NODE_SIZE[node.kind]}>
      <Handles />
      {children}
    </div>
  );
}

const ROLE_LABEL: Record<Role, string> = { client: 'Client', server: 'Server', both: 'Both', none: 'None' };

function RoleTag({ role }: { role: Role }) {
  return (
    <span className={role === 'none' ? 'sk-chip sk-outlined' : 'sk-chip'} data-role={role}>
      {ROLE_LABEL[role]}
    </span>
  );
}

// The paths of MUI's WarningAmber, Public and Lan icons (Material Design icons, Apache-2.0).
const WARNING_PATHS = ['M12 5.99 19.53 19H4.47zM12 2 1 21h22z', 'M13 16h-2v2h2zm0-6h-2v5h2z'];
const PUBLIC_PATH =
  'M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2m-1 17.93c-3.95-.49-7-3.85-7-7.93 0-.62.08-1.21.21-1.79L9 15v1c0 1.1.9 2 2 2zm6.9-2.54c-.26-.81-1-1.39-1.9-1.39h-1v-3c0-.55-.45-1-1-1H8v-2h2c.55 0 1-.45 1-1V7h2c1.1 0 2-.9 2-2v-.41c2.93 1.19 5 4.06 5 7.41 0 2.08-.8 3.97-2.1 5.39';
const LAN_PATH = 'M13 22h8v-7h-3v-4h-5V9h3V2H8v7h3v2H6v4H3v7h8v-7H8v-2h8v2h-3z';

function ExposedTag({ exposure }: { exposure: string }) {
  const wide = exposure === 'public' || exposure === 'all interfaces';
  return (
    <span
      className={wide ? 'sk-chip sk-warn' : 'sk-chip sk-note'}
      title={`A listener is reachable from: ${exposure}`}
      data-exposed={exposure}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true">
        {WARNING_PATHS.map((d) => (
          <path key={d} d={d} />
        ))}
      </svg>
      Exposed
    </span>
  );
}

function LinkButton({ label, children, onClick }: { label: string; children: string; onClick(): void }) {
  return (
    <button
      type="button"
      className="sk-link nodrag"
      aria-label={label}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {children}
    </button>
  );
}

export const ProcessNode = memo(function ProcessNode({ data }: NodeProps<FlowNode>) {
  const n = data.node;
  const group = n.kind === 'group';
  return (
    <Frame node={n}>
      <div className="sk-row">
        <span className="sk-title" title={visibleText(n.label)}>
          {visibleText(n.label)}
        </span>
        {n.role && <RoleTag role={n.role} />}
      </div>
      <div className="sk-row">
        <span className="sk-small">
          {group ? `×${n.members} processes` : `pid ${n.pids[0]}`}
          {n.listening.length > 0 &&
            ` · listens ${n.listening.slice(0, 3).join(' ')}${n.listening.length > 3 ? ' …' : ''}`}
          {n.internalConnections > 0 && ` · ${n.internalConnections} inside`}
        </span>
        {n.exposure && <ExposedTag exposure={n.exposure} />}
        {group && (
          <LinkButton label={`Expand group ${n.label}`} onClick={() => data.onExpand(n.id)}>
            Expand
          </LinkButton>
        )}
      </div>
    </Frame>
  );
});

export const RemoteNode = memo(function RemoteNode({ data }: NodeProps<FlowNode>) {
  const n = data.node;
  const sub = n.kind === 'remote' ? (n.address !== n.label ? n.address : null) : `${n.members} hosts`;
  return (
    <Frame node={n} dashed>
      <div className="sk-row">
        <svg className="sk-icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d={n.kind === 'remote' ? PUBLIC_PATH : LAN_PATH} />
        </svg>
        <span className="sk-title" title={visibleText(n.label)}>
          {visibleText(n.label)}
        </span>
      </div>
      <div className="sk-row">
        <span className="sk-small">{sub}</span>
        {n.scope && (
          <span className="sk-chip sk-outlined" data-scope={n.scope}>
            {n.scope}
          </span>
        )}
      </div>
    </Frame>
  );
});

export const MoreNode = memo(function MoreNode({ data }: NodeProps<FlowNode>) {
  const n = data.node;
  return (
    <Frame node={n} dashed>
      <div className="sk-row">
        <span className="sk-title">{visibleText(n.label)}</span>
        <LinkButton label="Show every process on the map" onClick={data.onShowAll}>
          Show all
        </LinkButton>
      </div>
    </Frame>
  );
});

export const HiddenNode = memo(function HiddenNode({ data }: NodeProps<FlowNode>) {
  const n = data.node;
  return (
    <Frame node={n} dashed>
      <div className="sk-row">
        <span className="sk-title" title={n.ariaLabel}>
          {n.label}
        </span>
      </div>
      <div className="sk-row">
        <span className="sk-small">another user&apos;s · run elevated to see it</span>
      </div>
    </Frame>
  );
});

export const NODE_TYPES = {
  hidden: HiddenNode,
  process: ProcessNode,
  group: ProcessNode,
  remote: RemoteNode,
  'remote-group': RemoteNode,
  more: MoreNode,
};
