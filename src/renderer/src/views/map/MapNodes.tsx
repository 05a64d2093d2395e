/**
 * How each kind of map node looks. Sizes come from NODE_SIZE (the same numbers ELK laid out
 * with). Role and exposure are words on chips, not colour alone.
 */
import { memo } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import PublicIcon from '@mui/icons-material/Public';
import LanIcon from '@mui/icons-material/Lan';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { MapNode } from '../../../../shared/graph/mapGraph';
import { NODE_SIZE } from '../../../../shared/graph/elkGraph';
import { RoleChip } from '../../components/chips';
import { ExposedChip } from '../../components/ExposedChip';

export interface MapNodeData extends Record<string, unknown> {
  node: MapNode;
  onExpand(groupId: string): void;
  onShowAll(): void;
}

export type FlowNode = Node<MapNodeData>;

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
  const size = NODE_SIZE[node.kind];
  return (
    <Box
      sx={{
        ...size,
        boxSizing: 'border-box',
        px: 1,
        py: 0.5,
        borderRadius: 1.5,
        border: 1,
        borderStyle: dashed ? 'dashed' : 'solid',
        borderColor: node.exposure ? 'warning.main' : 'divider',
        borderWidth: node.exposure ? 2 : 1,
        bgcolor: 'background.paper',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
        gap: 0.25,
        overflow: 'hidden',
        cursor: 'pointer',
      }}
    >
      <Handles />
      {children}
    </Box>
  );
}

const title = { fontWeight: 600, fontSize: 13, lineHeight: 1.2, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;
const small = { fontSize: 11, color: 'text.secondary', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

export const ProcessNode = memo(function ProcessNode({ data }: NodeProps<FlowNode>) {
  const n = data.node;
  const group = n.kind === 'group';
  return (
    <Frame node={n}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        <Typography component="span" sx={{ ...title, flexGrow: 1 }} title={n.label}>
          {n.label}
        </Typography>
        {n.role && <RoleChip role={n.role} />}
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        <Typography component="span" sx={{ ...small, flexGrow: 1 }}>
          {group ? `×${n.members} processes` : `pid ${n.pids[0]}`}
          {n.listening.length > 0 && ` · listens ${n.listening.slice(0, 3).join(' ')}${n.listening.length > 3 ? ' …' : ''}`}
          {n.internalConnections > 0 && ` · ${n.internalConnections} inside`}
        </Typography>
        {n.exposure && <ExposedChip exposure={n.exposure} />}
        {group && (
          <Button
            size="small"
            variant="text"
            className="nodrag"
            aria-label={`Expand group ${n.label}`}
            onClick={(e) => {
              e.stopPropagation();
              data.onExpand(n.id);
            }}
            sx={{ minWidth: 0, p: 0, fontSize: 11 }}
          >
            Expand
          </Button>
        )}
      </Box>
    </Frame>
  );
});

export const RemoteNode = memo(function RemoteNode({ data }: NodeProps<FlowNode>) {
  const n = data.node;
  const Icon = n.kind === 'remote' ? PublicIcon : LanIcon;
  const sub = n.kind === 'remote' ? (n.address !== n.label ? n.address : null) : `${n.members} hosts`;
  return (
    <Frame node={n} dashed>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        <Icon fontSize="small" color="action" />
        <Typography component="span" sx={{ ...title, flexGrow: 1 }} title={n.label}>
          {n.label}
        </Typography>
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        <Typography component="span" sx={{ ...small, flexGrow: 1 }}>
          {sub}
        </Typography>
        {n.scope && <Chip size="small" variant="outlined" label={n.scope} data-scope={n.scope} sx={{ height: 20, '& .MuiChip-label': { px: 0.75, fontSize: 11 } }} />}
      </Box>
    </Frame>
  );
});

export const MoreNode = memo(function MoreNode({ data }: NodeProps<FlowNode>) {
  const n = data.node;
  return (
    <Frame node={n} dashed>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        <Typography component="span" sx={{ ...title, flexGrow: 1 }}>
          {n.label}
        </Typography>
        <Button
          size="small"
          className="nodrag"
          aria-label="Show every process on the map"
          onClick={(e) => {
            e.stopPropagation();
            data.onShowAll();
          }}
          sx={{ minWidth: 0, py: 0, fontSize: 11 }}
        >
          Show all
        </Button>
      </Box>
    </Frame>
  );
});

export const NODE_TYPES = { process: ProcessNode, group: ProcessNode, remote: RemoteNode, 'remote-group': RemoteNode, more: MoreNode };
