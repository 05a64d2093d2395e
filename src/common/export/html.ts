/**
 * HTML export: a self-contained report that reads well in any browser, offline, with no script
 * (the page forbids them in its own Content-Security-Policy). The client/server summary comes
 * first — processes by role, listeners with their exposure, who talks to whom — then every
 * socket. Every value from the snapshot is escaped: process names and command lines are chosen
 * by whoever started the process and may hold markup.
 */
import { endpointText } from '../text/endpointText';
import { isListening } from '../derive/listening';
import { exposureOf } from '../derive/exposure';
import type { Process, Role, Snapshot, Socket } from '../model/model';
import { socketHolders } from '../derive/holders';
import { HIDDEN, unownedWords } from '../text/ownerWords';
import { summarizeProcesses, type ProcessSummary } from '../derive/processSummary';

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1b1f23;background:#fff}
h1{margin:0 0 .25rem;color:#0d6e8a}h2{margin-top:2rem;border-bottom:2px solid #0d6e8a;padding-bottom:.2rem}h3{margin:1.2rem 0 .4rem}
dl.facts{display:grid;grid-template-columns:max-content auto;gap:.15rem 1rem;margin:.5rem 0 1rem}dl.facts dt{font-weight:600;color:#555}dl.facts dd{margin:0}
.cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}.card{border:1px solid #ccd;border-radius:6px;padding:.5rem .9rem;min-width:9rem}.card b{display:block;font-size:1.5rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem;font-size:13px}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e3e6ea;vertical-align:top}
th{background:#f3f6f8;position:sticky;top:0}td.num{text-align:right;font-variant-numeric:tabular-nums}code,.mono{font-family:ui-monospace,Consolas,monospace;font-size:12px;word-break:break-all}
.role{display:inline-block;border-radius:10px;padding:0 .5rem;font-size:12px;font-weight:600}.role-server{background:#d7ecf3;color:#0b5569}.role-client{background:#e9e2f5;color:#4b2d7f}.role-both{background:#fbe3d6;color:#8a3b12}.role-none{background:#eee;color:#555}
.exposed{color:#b3261e;font-weight:600}.note{color:#555}.warn{background:#fff4e5;border-left:4px solid #e8a33d;padding:.4rem .8rem}
@media (prefers-color-scheme:dark){body{background:#121417;color:#e3e6ea}th{background:#1d2126}td,th{border-color:#2c3137}.card{border-color:#3a4048}dl.facts dt,.note{color:#aab}.warn{background:#3a2c12}}
@media print{th{position:static}}`;

const ROLE_TITLE: Record<Role, string> = {
  both: 'Client and server',
  server: 'Servers',
  client: 'Clients',
  none: 'Neither (no connections)',
};

function who(p: Process | undefined, pid: number | null): string {
  if (pid === null) return `<span class="note">${HIDDEN}</span>`;
  return p ? `${escapeHtml(p.label)} <span class="note">(${pid})</span>` : `<span class="note">pid ${pid}</span>`;
}

/** Every holder of a socket, or the one name (with its explanation) for no visible owner. */
function holders(s: Socket, procs: ReadonlyMap<number, Process>, privileged: boolean): string {
  const pids = socketHolders(s);
  if (pids.length === 0) {
    const w = unownedWords(s, privileged);
    return `<span class="note" title="${escapeHtml(w.why)}">${escapeHtml(w.short)}</span>`;
  }
  return pids.map((pid) => who(procs.get(pid), pid)).join(', ');
}

function table(headers: string[], rows: string[][], numeric: number[] = []): string {
  if (rows.length === 0) return '<p class="note">None.</p>';
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((cell, i) => (numeric.includes(i) ? `<td class="num">${cell}</td>` : `<td>${cell}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function roleSection(role: Role, procs: ProcessSummary[]): string {
  const rows = procs.map((p) => [
    `${p.pid}`,
    `<span class="role role-${role}">${escapeHtml(p.label)}</span>`,
    escapeHtml(p.user),
    escapeHtml(p.listening.join(', ')),
    `${p.inbound}`,
    `${p.outbound}`,
    `<code>${escapeHtml(p.cmdline ?? p.path ?? '')}</code>`,
  ]);
  const t = table(['PID', 'Process', 'User', 'Listening on', 'Inbound', 'Outbound', 'Command line'], rows, [0, 4, 5]);
  const title = `${escapeHtml(ROLE_TITLE[role])} (${procs.length})`;
  // The quiet processes are many and rarely the point: folded, still readable without a script.
  return role === 'none'
    ? `<details><summary><h3 style="display:inline">${title}</h3></summary>\n${t}\n</details>`
    : `<h3>${title}</h3>\n${t}`;
}

export interface HtmlOptions {
  masked?: boolean;
  /** What part of the snapshot this is, e.g. "only what the filter `port = 443` shows". */
  scopeNote?: string;
}

type Procs = ReadonlyMap<number, Process>;

function listenerRows(listeners: readonly Socket[], procs: Procs, privileged: boolean): string[][] {
  return listeners.map((s) => {
    const exposure = exposureOf(s.localScope);
    return [
      escapeHtml(s.protocol),
      `<code>${escapeHtml(endpointText(s.localAddress, s.localPort, { noPort: 'omit' }))}</code>`,
      escapeHtml(s.service ?? ''),
      escapeHtml(s.localScope),
      s.localScope === 'loopback' ? escapeHtml(exposure) : `<span class="exposed">${escapeHtml(exposure)}</span>`,
      holders(s, procs, privileged),
    ];
  });
}

function edgeRows(snapshot: Snapshot, procs: Procs): string[][] {
  return [...snapshot.edges]
    .sort((a, b) => a.port - b.port || a.clientPid - b.clientPid)
    .map((e) => [
      who(procs.get(e.clientPid), e.clientPid),
      '→',
      who(procs.get(e.serverPid), e.serverPid),
      `${escapeHtml(e.protocol)}/${e.port}`,
      `${e.count}`,
    ]);
}

function socketRows(snapshot: Snapshot, procs: Procs): string[][] {
  return snapshot.sockets.map((s) => [
    escapeHtml(s.protocol),
    escapeHtml(s.state ?? ''),
    `<code>${escapeHtml(endpointText(s.localAddress, s.localPort, { noPort: 'omit' }))}</code>`,
    `<code>${escapeHtml(endpointText(s.remoteAddress, s.remotePort, { noPort: 'omit' }))}</code>`,
    escapeHtml(s.side ?? ''),
    escapeHtml(s.service ?? ''),
    escapeHtml(`${s.localScope}${s.remoteScope ? ` → ${s.remoteScope}` : ''}`),
    holders(s, procs, snapshot.host.privileged),
  ]);
}

/** The report's header: host, time taken, collector, and what part of the snapshot it holds. */
function reportHeader(snapshot: Snapshot, options: HtmlOptions): string {
  const taken = snapshot.takenAt;
  return `<header>
<h1>Sockeye report</h1>
<dl class="facts">
<dt>Host</dt><dd>${escapeHtml(snapshot.host.hostname)} (${escapeHtml(snapshot.host.platform)})</dd>
<dt>Taken</dt><dd><time datetime="${escapeHtml(taken)}">${escapeHtml(taken)}</time></dd>
<dt>Collector</dt><dd>${escapeHtml(snapshot.host.collector)}, ${snapshot.host.privileged ? 'elevated' : 'not elevated'}${snapshot.host.unmappedSockets > 0 ? ` — ${snapshot.host.unmappedSockets} sockets' owners hidden` : ''}</dd>
<dt>Contents</dt><dd>${escapeHtml(options.scopeNote ?? 'the whole snapshot')}${options.masked ? ' — masked: public IPs, host and user names, command lines and paths are replaced by tokens' : ''}</dd>
</dl>
</header>`;
}

function warningsSection(warnings: readonly string[]): string {
  if (warnings.length === 0) return '';
  const items = warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  return `<section aria-labelledby="warnings"><h2 id="warnings">Warnings while collecting</h2>\n<ul class="warn">${items}</ul></section>`;
}

/** The snapshot as a self-contained HTML report. */
export function snapshotToHtml(snapshot: Snapshot, options: HtmlOptions = {}): string {
  const procs = new Map(snapshot.processes.map((p) => [p.pid, p]));
  const summaries = summarizeProcesses(snapshot);
  const byRole = (role: Role) =>
    summaries.filter((p) => p.role === role).sort((a, b) => a.label.localeCompare(b.label) || a.pid - b.pid);
  const listeners = snapshot.sockets
    .filter(isListening)
    .sort((a, b) => a.localPort - b.localPort || a.protocol.localeCompare(b.protocol));
  const connections = snapshot.sockets.filter((s) => s.remoteAddress !== null);
  const exposedCount = listeners.filter((s) => s.localScope !== 'loopback').length;
  const title = `Sockeye report — ${snapshot.host.hostname} — ${snapshot.takenAt}`;
  const card = (n: number, label: string) => `<div class="card"><b>${n}</b>${escapeHtml(label)}</div>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Sockeye">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${reportHeader(snapshot, options)}
<main>
<section aria-labelledby="summary">
<h2 id="summary">Client / server summary</h2>
<div class="cards">
${card(byRole('server').length, 'servers')}
${card(byRole('client').length, 'clients')}
${card(byRole('both').length, 'both client and server')}
${card(listeners.length, 'listening sockets')}
${card(exposedCount, 'listeners reachable from outside this machine')}
${card(connections.length, 'connections')}
${card(snapshot.edges.length, 'local client → server links')}
</div>
<h2 id="processes">Processes by role</h2>
${(['both', 'server', 'client', 'none'] as const).map((r) => roleSection(r, byRole(r))).join('\n')}
<h2 id="listeners">Listeners and their exposure</h2>
${table(['Protocol', 'Address', 'Service', 'Scope', 'Reachable from', 'Process'], listenerRows(listeners, procs, snapshot.host.privileged))}
<h2 id="edges">Who talks to whom on this machine</h2>
${table(['Client', '', 'Server', 'Port', 'Connections'], edgeRows(snapshot, procs), [4])}
</section>
<section aria-labelledby="sockets">
<h2 id="sockets">All sockets (${snapshot.sockets.length})</h2>
${table(['Protocol', 'State', 'Local', 'Remote', 'Side', 'Service', 'Scope', 'Process'], socketRows(snapshot, procs))}
</section>
${warningsSection(snapshot.warnings)}
</main>
<footer><p class="note">Generated by Sockeye from a <code>sockeye.snapshot/1</code> document.</p></footer>
</body>
</html>
`;
}
