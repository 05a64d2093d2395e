/** A filter's parse error pointed at the place in the text, with the fix when there is one. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { FilterParseError } from '../../../common/filter';

export function FilterErrorPointer({
  text,
  error,
  onFix,
}: {
  text: string;
  error: FilterParseError;
  onFix: (fixed: string) => void;
}) {
  const start = Math.min(error.position, text.length);
  const end = Math.min(Math.max(error.end, start), text.length);
  const fixed = error.suggestion === null ? null : text.slice(0, start) + error.suggestion + text.slice(end);
  return (
    <Box component="span" sx={{ display: 'block' }}>
      <Box
        component="span"
        sx={{ display: 'block', fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
        aria-hidden
      >
        {text.slice(0, start)}
        <Box
          component="mark"
          sx={{ bgcolor: 'error.main', color: 'error.contrastText', px: end === start ? 0.5 : 0, borderRadius: 0.5 }}
        >
          {text.slice(start, end) || ' '}
        </Box>
        {text.slice(end)}
      </Box>
      <span>
        Column {error.column}: {error.message} The views keep the last filter that worked.
      </span>
      {fixed !== null && (
        <Button
          size="small"
          sx={{ ml: 1, py: 0, textTransform: 'none', fontFamily: 'monospace' }}
          onClick={() => onFix(fixed)}
        >
          Use {error.suggestion}
        </Button>
      )}
    </Box>
  );
}
