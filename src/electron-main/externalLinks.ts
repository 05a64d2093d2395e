/**
 * The only pages the desktop app will hand to the user's browser (shell.openExternal): the
 * project's own documentation. Anything else a page asks to open — another site, a file:, a
 * custom scheme that starts a program — is refused. Change DOCS_ORIGIN here if the docs move.
 */

export const DOCS_ORIGIN = 'https://sockeye.dev';
export const DOCS_PATH_PREFIX = '/docs/';

/** Whether `url` is a page of the project's documentation (https, that exact host, no credentials or port, under /docs/). */
export function isDocsUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (
    u.origin === DOCS_ORIGIN &&
    u.username === '' &&
    u.password === '' &&
    (u.pathname === DOCS_PATH_PREFIX.slice(0, -1) || u.pathname.startsWith(DOCS_PATH_PREFIX))
  );
}
