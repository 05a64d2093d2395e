import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Snapshot } from '../../../common/model/model';
import { SCOPE_INFO } from '../../../common/viewModel/scopeInfo';
import { ScopeChip } from '../ui/chips';

export function AddressesView({ snapshot }: { snapshot: Snapshot }) {
  if (snapshot.interfaces.length === 0)
    return <Typography sx={{ p: 2 }}>This snapshot lists no network interfaces.</Typography>;
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2, overflow: 'auto', height: '100%' }}>
      {snapshot.interfaces.map((i) => (
        <Card key={i.name} variant="outlined">
          <CardContent>
            <Typography variant="h6" component="h2">
              {i.name} {i.internal ? '(internal)' : ''}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {i.mac ? `MAC ${i.mac}` : 'no hardware address'} · {i.up ? 'up' : 'down'}
            </Typography>
            <Table size="small" aria-label={`Addresses of ${i.name}`}>
              <TableHead>
                <TableRow>
                  <TableCell>Address</TableCell>
                  <TableCell>Network</TableCell>
                  <TableCell>Scope</TableCell>
                  <TableCell>What it means</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {i.addresses.map((a) => (
                  <TableRow key={a.address}>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{a.address}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{a.cidr ?? '—'}</TableCell>
                    <TableCell>
                      <ScopeChip scope={a.scope} />
                    </TableCell>
                    <TableCell>{SCOPE_INFO[a.scope].explain}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ))}
    </Box>
  );
}
