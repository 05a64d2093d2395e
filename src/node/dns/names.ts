/**
 * Names are checked before any query leaves the machine: IDN converted with toASCII, label and
 * total lengths, allowed characters. A bad name costs no round trip and gets a clear message.
 */
import { domainToASCII } from 'node:url';
import { canonicalAddress } from '../../common/dns/dnsAddress';

export type NameCheck = { ok: true; ascii: string } | { ok: false; message: string };

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;

/** Validates a query name and returns its ASCII (punycode) form without the trailing dot. */
export function checkQueryName(input: string): NameCheck {
  const raw = input.trim();
  const shown = JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);
  if (raw === '') return { ok: false, message: 'empty name' };
  if (canonicalAddress(raw) !== null)
    return { ok: false, message: `${shown} is an IP address, not a name (use a reverse lookup)` };
  const ascii = domainToASCII(raw);
  if (ascii === '')
    return {
      ok: false,
      message: `${shown} is not a valid domain name (characters not allowed in a name, or an invalid international name)`,
    };
  const name = ascii.endsWith('.') ? ascii.slice(0, -1) : ascii;
  if (name === '') return { ok: false, message: 'the root name "." cannot be looked up here' };
  if (name.length > 253)
    return { ok: false, message: `${shown} is ${name.length} characters long; a name may have at most 253` };
  for (const label of name.split('.')) {
    if (label === '')
      return { ok: false, message: `${shown} has an empty label (two dots in a row, or a leading dot)` };
    if (label.length > 63)
      return { ok: false, message: `${shown} has a label of ${label.length} characters; a label may have at most 63` };
    if (!LABEL.test(label))
      return {
        ok: false,
        message: `${shown} has a label '${label.slice(0, 63)}' with characters a name may not hold (letters, digits, '-' inside, '_')`,
      };
  }
  return { ok: true, ascii: name };
}
