/**
 * Evaluating a parsed filter against one socket and the process that owns it. The tree is
 * compiled once into closures (regular expressions and CIDR ranges built up front) so that
 * running it over 20k sockets per keystroke stays a few milliseconds.
 */
import { endpointText } from '../text/endpointText';
import { isListening } from '../derive/listening';
import ipaddr from 'ipaddr.js';
import type { Namespace, Process, Socket } from '../model/model';
import { namespaceMatcher, type FilterContext } from './namespaceTerms';
import type { FieldValue, FilterAst, FilterNode } from './ast';
import { socketHolders } from '../derive/holders';

/** True when the socket (or, with `socket` null, the process alone) matches. */
export type FilterPredicate = (socket: Socket | null, process: Process | undefined) => boolean;

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

/** Parsed socket addresses, shared across evaluations: a host has few distinct addresses. */
const addrCache = new Map<string, Addr[] | null>();

/** The forms an address can match in: as written, and as IPv4 when it is IPv4-mapped IPv6. */
function addressForms(text: string): Addr[] | null {
  let forms = addrCache.get(text);
  if (forms !== undefined) return forms;
  const bare = text.replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) forms = null;
  else {
    const parsed = ipaddr.parse(bare);
    forms = [parsed];
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
      forms.push((parsed as ipaddr.IPv6).toIPv4Address());
  }
  if (addrCache.size > 50_000) addrCache.clear();
  addrCache.set(text, forms);
  return forms;
}

function addressMatcher(ranges: string[]): (address: string | null) => boolean {
  const cidrs: [Addr, number][] = [];
  for (const r of ranges) {
    if (r.includes('/')) cidrs.push(ipaddr.parseCIDR(r));
    else {
      for (const form of addressForms(r) ?? []) cidrs.push([form, form.kind() === 'ipv4' ? 32 : 128]);
    }
  }
  return (address) => {
    if (address === null) return false;
    const forms = addressForms(address);
    if (!forms) return false;
    for (const a of forms) for (const c of cidrs) if (a.kind() === c[0].kind() && a.match(c)) return true;
    return false;
  };
}

/**
 * Whole-string wildcard match (`*` any run, `?` one character). Not a RegExp: `*a*a*a…c` would
 * backtrack exponentially in one, and a filter comes from whoever wrote the link. This is the
 * classic two-pointer walk — it retries only from the last `*`, so it stays O(text × glob).
 */
export function globMatch(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (g < glob.length && (glob[g] === '?' || glob[g] === text[t])) {
      g++;
      t++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      resume = t;
    } else if (star >= 0) {
      g = star + 1;
      t = ++resume;
    } else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

/** A case-insensitive text test: substring (pattern) or whole value (exact), glob when it has * or ?. */
function textMatcher(
  value: Extract<FieldValue, { kind: 'pattern' | 'exact' }>,
): (text: string | null | undefined) => boolean {
  if (value.glob) {
    const glob = value.text.replace(/\*+/g, '*');
    return (t) => t != null && globMatch(glob, t.toLowerCase());
  }
  if (value.kind === 'exact') return (t) => t != null && t.toLowerCase() === value.text;
  return (t) => t != null && t.toLowerCase().includes(value.text);
}

function inRanges(ranges: [number, number][]): (n: number | null | undefined) => boolean {
  if (ranges.length === 1) {
    const [a, b] = ranges[0]!;
    return (n) => n != null && n >= a && n <= b;
  }
  return (n) => n != null && ranges.some(([a, b]) => n >= a && n <= b);
}

/** Every text column of a socket and its process, lower-cased, cached per socket object. */
const haystacks = new WeakMap<Socket, { process: Process | undefined; text: string }>();

function haystack(s: Socket | null, p: Process | undefined): string {
  if (s === null) return p ? processText(p) : '';
  const cached = haystacks.get(s);
  if (cached && cached.process === p) return cached.text;
  const text = [
    s.protocol,
    s.family,
    s.state ?? '',
    endpointText(s.localAddress, s.localPort),
    endpointText(s.remoteAddress, s.remotePort),
    s.side ?? '',
    s.localScope,
    s.remoteScope ?? '',
    s.service ?? '',
    s.portClass ?? '',
    socketHolders(s).join(' '),
    s.user ?? '',
    p ? processText(p) : '',
  ]
    .join('\n')
    .toLowerCase();
  haystacks.set(s, { process: p, text });
  return text;
}

function processText(p: Process): string {
  return [String(p.pid), p.name, p.label, p.path ?? '', p.cmdline ?? '', p.user ?? '', p.role].join('\n').toLowerCase();
}

function compileField(node: Extract<FilterNode, { type: 'field' }>): FilterPredicate {
  const v = node.value;
  switch (v.kind) {
    case 'ports':
    case 'numbers': {
      const has = inRanges(v.ranges);
      switch (node.field) {
        case 'port':
          return (s) => s !== null && (has(s.localPort) || has(s.remotePort));
        case 'lport':
          return (s) => s !== null && has(s.localPort);
        case 'rport':
          return (s) => s !== null && has(s.remotePort);
        default: // pid: any holder of the socket
          return (s, p) => (s === null ? has(p?.pid) : socketHolders(s).some(has));
      }
    }
    case 'pattern':
    case 'exact': {
      const has = textMatcher(v);
      switch (node.field) {
        case 'proc':
          return (_s, p) => p !== undefined && (has(p.name) || has(p.label));
        case 'path':
          return (_s, p) => has(p?.path);
        case 'cmd':
          return (_s, p) => has(p?.cmdline);
        case 'service':
          // The name shown, or the port's registration kept as a hint (service:omniorb still finds 8088).
          return (s) => has(s?.service) || has(s?.serviceHint);
        default: {
          // user: a name, or a numeric uid (the socket's owner uid, known even when the pid is hidden)
          const uid = /^\d+$/.test(v.text) ? Number(v.text) : null;
          // A hidden owner's user is known from the socket's uid (`user` on the socket).
          return (s, p) =>
            has(p?.user) || (s !== null && ((uid !== null && s.uid === uid) || (p === undefined && has(s.user))));
        }
      }
    }
    case 'address': {
      const has = addressMatcher(v.ranges);
      if (node.field === 'laddr') return (s) => s !== null && has(s.localAddress);
      if (node.field === 'raddr') return (s) => s !== null && has(s.remoteAddress);
      return (s) => s !== null && (has(s.localAddress) || has(s.remoteAddress));
    }
    case 'enum': {
      const set = new Set(v.values);
      switch (node.field) {
        case 'proto':
          return (s) => s !== null && set.has(s.protocol);
        case 'family':
          return (s) => s !== null && set.has(s.family === 'IPv4' ? '4' : '6');
        case 'state': {
          // ss calls a connect()ed UDP socket ESTAB: `state:established` finds it too.
          const estab = set.has('established');
          return (s) =>
            s !== null &&
            s.state !== null &&
            (set.has(s.state.toLowerCase()) || (estab && s.protocol === 'udp' && s.state === 'CONNECTED'));
        }
        case 'scope':
          return (s) => s !== null && (set.has(s.localScope) || (s.remoteScope !== null && set.has(s.remoteScope)));
        case 'lscope':
          return (s) => s !== null && set.has(s.localScope);
        case 'rscope':
          return (s) => s !== null && s.remoteScope !== null && set.has(s.remoteScope);
        case 'role':
          return (_s, p) => p !== undefined && set.has(p.role);
        case 'side':
          return (s) => s !== null && set.has(s.side ?? 'none');
        case 'class':
          return (s) => s !== null && s.portClass !== null && set.has(s.portClass);
        default: // is
          return (s) =>
            s !== null &&
            ((set.has('listening') && isListening(s)) ||
              (set.has('exposed') && isListening(s) && s.localScope !== 'loopback') ||
              (set.has('connected') && s.remoteAddress !== null) ||
              (set.has('hidden') && s.pid === null));
      }
    }
  }
}

function compileNode(node: FilterNode, context: FilterContext): FilterPredicate {
  switch (node.type) {
    case 'and': {
      const items = node.items.map((n) => compileNode(n, context));
      return (s, p) => items.every((f) => f(s, p));
    }
    case 'or': {
      const items = node.items.map((n) => compileNode(n, context));
      return (s, p) => items.some((f) => f(s, p));
    }
    case 'not': {
      const item = compileNode(node.item, context);
      return (s, p) => !item(s, p);
    }
    case 'text': {
      const needle = node.text.toLowerCase();
      return (s, p) => haystack(s, p).includes(needle);
    }
    case 'field': {
      const v = node.value;
      if ((node.field === 'netns' || node.field === 'container') && (v.kind === 'exact' || v.kind === 'pattern'))
        return namespaceMatcher(node.field, v, textMatcher(v), context);
      return compileField(node);
    }
  }
}

/**
 * Compiles a parsed filter into a predicate; an empty filter matches everything. `namespaces`
 * (the snapshot's) lets `netns:NAME`, `netns:host` and `container:` read namespace records.
 */
export function compileFilter(ast: FilterAst, namespaces?: readonly Namespace[]): FilterPredicate {
  return ast.root === null ? () => true : compileNode(ast.root, { namespaces: namespaces ?? [] });
}
