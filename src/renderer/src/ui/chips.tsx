import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import type { Role, Scope } from '../../../common/model/model';
import { SCOPE_INFO } from '../../../common/viewModel/scopeInfo';

const ROLE_LABEL: Record<Role, string> = { client: 'Client', server: 'Server', both: 'Both', none: 'None' };
const ROLE_COLOR: Record<Role, 'info' | 'success' | 'secondary' | 'default'> = {
  client: 'info',
  server: 'success',
  both: 'secondary',
  none: 'default',
};

/** The process's role as a chip: text, not colour alone, carries the meaning. */
export function RoleChip({ role }: { role: Role }) {
  return (
    <Chip
      size="small"
      label={ROLE_LABEL[role]}
      color={ROLE_COLOR[role]}
      variant={role === 'none' ? 'outlined' : 'filled'}
      data-role={role}
    />
  );
}

export function ScopeChip({ scope }: { scope: Scope | null }) {
  if (scope === null) return null;
  const info = SCOPE_INFO[scope];
  return (
    <Tooltip title={info.explain}>
      <Chip size="small" variant="outlined" label={scope} data-scope={scope} />
    </Tooltip>
  );
}
