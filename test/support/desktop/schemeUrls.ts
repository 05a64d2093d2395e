/**
 * How the harness shows the app's own standard schemes to Chromium: `sockeye://app/x` is
 * `http://app.sockeye.localhost/x` in the browser (a secure context, as a `secure` scheme is),
 * and the app is only ever told the `sockeye://` form.
 */

/** The browser's URL for an app URL, or null when its scheme is not one the app registered as standard. */
export function toBrowserUrl(url: string, standardSchemes: string[]): string | null {
  const u = new URL(url);
  const scheme = u.protocol.slice(0, -1);
  if (!standardSchemes.includes(scheme)) return null;
  return `http://${u.host}.${scheme}.localhost${u.pathname}${u.search}${u.hash}`;
}

/** The app's URL for a browser URL (unchanged when it is not one of ours). */
export function toAppUrl(url: string, standardSchemes: string[]): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  for (const scheme of standardSchemes) {
    const suffix = `.${scheme}.localhost`;
    if (u.protocol === 'http:' && u.hostname.endsWith(suffix))
      return `${scheme}://${u.hostname.slice(0, -suffix.length)}${u.pathname}${u.search}${u.hash}`;
  }
  return url;
}
