/**
 * Reading one field's value (`8000-8999`, `80,443`, `listen`, `fe80::/10`, `post*`) into the
 * normalised form the evaluator uses, with errors that point into the value.
 */
import ipaddr from 'ipaddr.js';
import { FilterParseError, type FieldValue } from './ast';
import type { FieldHelp } from './fields';
import { nearest } from './suggest';

const MAX: Record<'ports' | 'numbers', number> = { ports: 65535, numbers: 2 ** 31 - 1 };

/** Splits a list value on commas, keeping each item's offset within the value. */
function items(raw: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let at = 0;
  for (const text of raw.split(',')) {
    out.push({ text, at });
    at += text.length + 1;
  }
  return out;
}

function numberRanges(
  help: FieldHelp,
  kind: 'ports' | 'numbers',
  raw: string,
  pos: (at: number) => number,
): [number, number][] {
  const max = MAX[kind];
  const what = kind === 'ports' ? 'port' : help.name;
  const expect =
    kind === 'ports'
      ? `${help.name}: takes a port 0–65535, a range like 8000-8999, a list like 80,443, or <1024 / >=49152`
      : `${help.name}: takes a number, a range like 100-200, or a list like 1,2`;
  const ranges: [number, number][] = [];
  for (const item of items(raw)) {
    const at = pos(item.at);
    const endAt = pos(item.at + item.text.length);
    if (item.text === '')
      throw new FilterParseError(`${help.name}: empty item in the list`, at, Math.max(endAt, at + 1));
    const num = (t: string): number => {
      const n = Number(t);
      if (n > max) throw new FilterParseError(`${what} ${t} is out of range (0–${max})`, at, endAt);
      return n;
    };
    let m: RegExpExecArray | null;
    if ((m = /^(\d{1,10})$/.exec(item.text))) {
      const n = num(m[1]!);
      ranges.push([n, n]);
    } else if ((m = /^(\d{1,10})-(\d{1,10})$/.exec(item.text))) {
      const a = num(m[1]!);
      const b = num(m[2]!);
      if (a > b) throw new FilterParseError(`range ${item.text} runs backwards (write ${b}-${a})`, at, endAt);
      ranges.push([a, b]);
    } else if ((m = /^(<=|>=|<|>)(\d{1,10})$/.exec(item.text))) {
      const n = num(m[2]!);
      const r: [number, number] =
        m[1] === '<' ? [0, n - 1] : m[1] === '<=' ? [0, n] : m[1] === '>' ? [n + 1, max] : [n, max];
      if (r[0] > r[1]) throw new FilterParseError(`${item.text} matches no ${what}`, at, endAt);
      ranges.push(r);
    } else {
      throw new FilterParseError(`${expect} (not '${item.text}')`, at, endAt);
    }
  }
  return ranges;
}

const squash = (s: string) => s.toLowerCase().replace(/[-_]/g, '');

function enumValues(help: FieldHelp, raw: string, pos: (at: number) => number): string[] {
  const canonical = new Map<string, string>();
  for (const v of help.values ?? []) canonical.set(squash(v), v);
  for (const [alias, v] of Object.entries(help.aliases ?? {})) canonical.set(squash(alias), v);
  const out: string[] = [];
  for (const item of items(raw)) {
    const at = pos(item.at);
    const endAt = Math.max(pos(item.at + item.text.length), at + 1);
    if (item.text === '') throw new FilterParseError(`${help.name}: empty item in the list`, at, endAt);
    const v = canonical.get(squash(item.text));
    if (v !== undefined) {
      if (!out.includes(v)) out.push(v);
      continue;
    }
    const guess = nearest(item.text, [...(help.values ?? []), ...Object.keys(help.aliases ?? {})]);
    const suggestion = guess === null ? null : (help.aliases?.[guess] ?? guess);
    const hint = suggestion
      ? ` — did you mean \`${help.name}:${suggestion}\`?`
      : ` (one of ${(help.values ?? []).join(', ')})`;
    throw new FilterParseError(`unknown ${help.name} '${item.text}'${hint}`, at, endAt, suggestion);
  }
  return out;
}

/** Strict address forms: ipaddr.isValid would also take classful shorthands such as "10.1". */
function validAddress(text: string): boolean {
  return text.includes(':') ? ipaddr.IPv6.isValid(text) : ipaddr.IPv4.isValidFourPartDecimal(text);
}

function addressRanges(help: FieldHelp, raw: string, pos: (at: number) => number): string[] {
  const out: string[] = [];
  for (const item of items(raw)) {
    const at = pos(item.at);
    const endAt = Math.max(pos(item.at + item.text.length), at + 1);
    const text = item.text.replace(/^\[(.*)\]$/, '$1');
    const slash = text.indexOf('/');
    const address = slash >= 0 ? text.slice(0, slash) : text;
    const prefix = slash >= 0 ? text.slice(slash + 1) : null;
    const ok =
      validAddress(address) &&
      (prefix === null || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (address.includes(':') ? 128 : 32)));
    if (!ok) {
      throw new FilterParseError(
        `${help.name}: '${item.text}' is not an IP address or CIDR range (like 192.168.0.0/16 or fe80::/10); for part of an address search the text: "${item.text}"`,
        at,
        endAt,
      );
    }
    out.push(prefix === null ? address : `${address}/${prefix}`);
  }
  return out;
}

/** Checks and normalises the value of `field:raw`; `valueStart` is the value's offset in the expression. */
export function readFieldValue(
  help: FieldHelp,
  raw: string,
  quoted: boolean,
  valueStart: number,
  valueEnd: number,
): FieldValue {
  // Inside quotes, escapes make offsets approximate: point at the whole value instead.
  const pos = quoted ? (at: number) => (at === 0 ? valueStart : valueEnd) : (at: number) => valueStart + at;
  switch (help.kind) {
    case 'ports':
    case 'numbers':
      return { kind: help.kind, ranges: numberRanges(help, help.kind, raw.trim(), pos) };
    case 'enum':
      return { kind: 'enum', values: enumValues(help, raw.trim(), pos) };
    case 'address':
      return { kind: 'address', ranges: addressRanges(help, raw.trim(), pos) };
    case 'pattern':
    case 'exact':
      return { kind: help.kind, text: raw.toLowerCase(), glob: /[*?]/.test(raw) };
  }
}
