/**
 * A small button that copies one value. The async Clipboard API needs a secure context and
 * permission; where it is missing or refused (plain http from another host, older browsers)
 * a hidden textarea and execCommand('copy') still work.
 */
import { useState } from 'react';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';

/** Copy `text` to the clipboard; resolves true when it got there. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused or unavailable: fall through to the old way.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** An icon button named "Copy WHAT" that copies `value` and says whether it worked. */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const title =
    state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy (select the text instead)' : `Copy ${what}`;
  return (
    <Tooltip title={title}>
      <IconButton
        size="small"
        aria-label={`Copy ${what}`}
        data-copy-value={value}
        onClick={(e) => {
          e.stopPropagation();
          void copyText(value).then((ok) => {
            setState(ok ? 'copied' : 'failed');
            setTimeout(() => setState('idle'), 1500);
          });
        }}
      >
        {state === 'copied' ? <CheckIcon fontSize="inherit" /> : <ContentCopyIcon fontSize="inherit" />}
      </IconButton>
    </Tooltip>
  );
}
