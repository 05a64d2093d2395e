/**
 * What a fleet SOURCE names: another host's `sockeye serve` (`http://HOST:PORT/?token=TOKEN`),
 * or a file (a saved snapshot, or a list of sources). The token is a credential: every text
 * meant for a person or a log (the host's `source`, errors) shows it as `***`.
 */

export type FleetSource =
  { kind: 'http'; url: string; token: string | null; shown: string } | { kind: 'file'; path: string; shown: string };

/** `token=…` (and any `code=`) in a URL's query replaced by `***`; other text as it is. */
export function redactSource(source: string): string {
  return source.replace(/([?&](?:token|code)=)[^&#\s]*/gi, '$1***');
}

/** A URL source's parts, or a file path; an `http(s)://` text that does not parse is an error. */
export function parseFleetSource(text: string): FleetSource | { error: string } {
  const source = text.trim();
  const shown = redactSource(source);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return { kind: 'file', path: source, shown };
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return { error: 'not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { error: 'only http:// and https:// sources are read (sockeye serve on another host)' };
  if (url.username || url.password) return { error: 'credentials belong in ?token=, not in the URL' };
  const token = url.searchParams.get('token');
  // The snapshot is always at /v1/snapshot of that server, whatever path was pasted.
  const target = new URL('/v1/snapshot', url.origin);
  return { kind: 'http', url: target.href, token, shown };
}

/** The sources in a list file's text: one per line; blank lines and `#` comments skipped. */
export function parseSourceList(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const s = line.replace(/(^|\s)#.*$/, '').trim();
    if (s) out.push(s);
  }
  return out;
}
