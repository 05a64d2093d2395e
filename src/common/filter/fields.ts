/**
 * The fields of the filter language and their help text: one table that the parser (which
 * fields exist, what values they take), the suggestions (nearest field), the UI's syntax help,
 * the CLI help and the README all read.
 */

import { ScopeSchema } from '../model/model';

/** How a field's value is read. */
export type FieldKind = 'ports' | 'numbers' | 'pattern' | 'exact' | 'enum' | 'address';

export interface FieldHelp {
  name: string;
  kind: FieldKind;
  /** What it matches, one line. */
  description: string;
  /** Example expressions, each valid on its own. */
  examples: string[];
  /** For enum fields: accepted values (lower case) and aliases mapping to them. */
  values?: readonly string[];
  aliases?: Readonly<Record<string, string>>;
}

const STATES = [
  'listen',
  'established',
  'syn_sent',
  'syn_recv',
  'fin_wait1',
  'fin_wait2',
  'time_wait',
  'close',
  'close_wait',
  'last_ack',
  'closing',
  'new_syn_recv',
  'bound',
  'unconn',
  'connected',
] as const;

const SCOPES = ScopeSchema.options;

const scopeAliases = {
  linklocal: 'link-local',
  ula: 'unique-local',
  cgnat: 'carrier-grade-nat',
  any: 'unspecified',
  lo: 'loopback',
};

export const FILTER_FIELDS: readonly FieldHelp[] = [
  {
    name: 'port',
    kind: 'ports',
    description: 'local or remote port: a number, a range, or a list',
    examples: ['port:443', 'port:8000-8999', 'port:80,443'],
  },
  { name: 'lport', kind: 'ports', description: 'local port', examples: ['lport:22', 'lport:1-1023'] },
  { name: 'rport', kind: 'ports', description: 'remote (peer) port', examples: ['rport:443'] },
  {
    name: 'pid',
    kind: 'numbers',
    description: 'owning process id (list or range)',
    examples: ['pid:1234', 'pid:1000-2000'],
  },
  {
    name: 'proc',
    kind: 'pattern',
    description: 'process name or label, case-insensitive: substring, or glob with * and ?',
    examples: ['proc:node', 'proc:"my app"', 'proc:post*'],
  },
  {
    name: 'user',
    kind: 'exact',
    description: 'process user (exact or glob), or a numeric uid',
    examples: ['user:root', 'user:1000'],
  },
  {
    name: 'path',
    kind: 'pattern',
    description: 'executable path: substring or glob',
    examples: ['path:/usr/sbin', 'path:*/java'],
  },
  { name: 'cmd', kind: 'pattern', description: 'command line: substring or glob', examples: ['cmd:--port'] },
  {
    name: 'proto',
    kind: 'enum',
    description: 'protocol (`unix`: Unix domain sockets)',
    examples: ['proto:tcp', 'proto:udp', 'proto:unix'],
    values: ['tcp', 'udp', 'unix'],
  },
  {
    name: 'family',
    kind: 'enum',
    description: 'address family',
    examples: ['family:4', 'family:6'],
    values: ['4', '6'],
    aliases: { ipv4: '4', ipv6: '6', inet: '4', inet6: '6', v4: '4', v6: '6' },
  },
  {
    name: 'state',
    kind: 'enum',
    description: 'socket state, as the kernel names it (case-insensitive; - or _)',
    examples: ['state:listen', 'state:established,time_wait'],
    values: STATES,
    aliases: {
      estab: 'established',
      'time-wait': 'time_wait',
      listening: 'listen',
      timewait: 'time_wait',
      closewait: 'close_wait',
    },
  },
  {
    name: 'scope',
    kind: 'enum',
    description: 'address scope of either end',
    examples: ['scope:public', 'scope:private'],
    values: SCOPES,
    aliases: scopeAliases,
  },
  {
    name: 'lscope',
    kind: 'enum',
    description: 'scope of the local address',
    examples: ['lscope:unspecified'],
    values: SCOPES,
    aliases: scopeAliases,
  },
  {
    name: 'rscope',
    kind: 'enum',
    description: 'scope of the remote address',
    examples: ['rscope:public'],
    values: SCOPES,
    aliases: scopeAliases,
  },
  {
    name: 'addr',
    kind: 'address',
    description: 'local or remote address, or a CIDR range (IPv4 or IPv6)',
    examples: ['addr:192.168.0.0/16', 'addr:::1', 'addr:fe80::/10'],
  },
  { name: 'laddr', kind: 'address', description: 'local address or CIDR range', examples: ['laddr:127.0.0.1'] },
  { name: 'raddr', kind: 'address', description: 'remote address or CIDR range', examples: ['raddr:10.0.0.0/8'] },
  {
    name: 'role',
    kind: 'enum',
    description: "the owning process's role",
    examples: ['role:server', 'role:both'],
    values: ['client', 'server', 'both', 'none'],
  },
  {
    name: 'side',
    kind: 'enum',
    description: "this socket's side of its connection",
    examples: ['side:client'],
    values: ['client', 'server', 'none'],
  },
  {
    name: 'service',
    kind: 'exact',
    description: 'service name of the port (exact or glob)',
    examples: ['service:ssh', 'service:http*'],
  },
  {
    name: 'class',
    kind: 'enum',
    description: 'port class of the service port',
    examples: ['class:system'],
    values: ['system', 'registered', 'dynamic'],
  },
  {
    name: 'netns',
    kind: 'exact',
    description: 'network namespace: `host`, its inode, or its `ip netns` name (exact or glob)',
    examples: ['netns:host', '-netns:host', 'netns:4026532177', 'netns:blue'],
  },
  {
    name: 'container',
    kind: 'exact',
    description:
      'container of the owner (or of the socket’s namespace): name (exact or glob) or id prefix; `container:*` any',
    examples: ['container:web', 'container:3f1c2a9b', 'container:*'],
  },
  {
    name: 'is',
    kind: 'enum',
    description:
      'listening (TCP LISTEN or serving UDP), exposed (listening beyond loopback), connected (has a peer), hidden (owner unknown)',
    examples: ['is:listening', 'is:exposed'],
    values: ['listening', 'exposed', 'connected', 'hidden'],
    aliases: { listen: 'listening', listener: 'listening', listeners: 'listening' },
  },
];

export const FIELD_NAMES: readonly string[] = FILTER_FIELDS.map((f) => f.name);

const byName = new Map(FILTER_FIELDS.map((f) => [f.name, f]));

/** The help entry of a field, by its lower-case name. */
export function fieldHelp(name: string): FieldHelp | undefined {
  return byName.get(name);
}

/** The operators and free-text forms, for the syntax help. */
export const FILTER_SYNTAX: readonly { syntax: string; description: string; example: string }[] = [
  { syntax: 'word', description: 'any text column contains it (case-insensitive)', example: 'nginx' },
  {
    syntax: '"a phrase"',
    description: 'a phrase, spaces included; also quotes a value: proc:"my app"',
    example: '"node · api"',
  },
  { syntax: 'a b', description: 'both (AND is implied; AND may be written)', example: 'proto:tcp port:443' },
  { syntax: 'a OR b', description: 'either', example: 'port:80 OR port:443' },
  { syntax: '-a, !a, NOT a', description: 'not', example: '-scope:loopback' },
  { syntax: '( … )', description: 'grouping', example: 'is:listening (proc:node OR proc:python)' },
];
