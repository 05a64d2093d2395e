/** The filter language at a glance: operators and fields, each example a link that applies it. */
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { FILTER_FIELDS, FILTER_SYNTAX } from '../../../common/filter';

export function FilterSyntaxHelp({ onExample }: { onExample: (expr: string) => void }) {
  const example = (e: string) => (
    <Link key={e} component="button" type="button" onClick={() => onExample(e)} sx={{ fontFamily: 'monospace', mr: 1 }}>
      {e}
    </Link>
  );
  return (
    <Box sx={{ p: 2, maxWidth: 760, maxHeight: '70vh', overflow: 'auto' }} role="region" aria-label="Filter syntax">
      <Typography variant="subtitle1" component="h2">
        Filter syntax
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        The same language works in <code>sockeye snapshot --filter</code>. Click an example to use it.
      </Typography>
      <Table size="small" aria-label="Operators">
        <TableBody>
          {FILTER_SYNTAX.map((s) => (
            <TableRow key={s.syntax}>
              <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{s.syntax}</TableCell>
              <TableCell>{s.description}</TableCell>
              <TableCell>{example(s.example)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Table size="small" aria-label="Fields" sx={{ mt: 2 }}>
        <TableHead>
          <TableRow>
            <TableCell>Field</TableCell>
            <TableCell>Matches</TableCell>
            <TableCell>Examples</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {FILTER_FIELDS.map((f) => (
            <TableRow key={f.name}>
              <TableCell sx={{ fontFamily: 'monospace' }}>{f.name}:</TableCell>
              <TableCell>
                {f.description}
                {f.values && f.kind === 'enum' && f.name !== 'state' ? ` (${f.values.join(', ')})` : ''}
              </TableCell>
              <TableCell>{f.examples.map(example)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
