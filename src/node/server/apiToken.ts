/**
 * The API token of `sockeye serve` (GET /v1/snapshot, GET /metrics): one long-lived secret for
 * scripts and scrapers, separate from the browser's one-time code and sessions. With
 * `--token-file FILE` it is read from FILE, or FILE is created holding a new one; without, a new
 * one lives as long as the process (serve prints it). See ADR 0065.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fsp, constants as fsc } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A token file is a line, not a document: anything longer is not one of ours. */
const MAX_TOKEN_FILE_BYTES = 4096;
/** Shorter tokens are guessable; ours are 43 characters (32 random bytes, base64url). */
export const MIN_TOKEN_CHARS = 16;

export class ApiTokenError extends Error {}

/** A new token: 32 random bytes as base64url (43 characters). */
export function newApiToken(): string {
  return randomBytes(32).toString('base64url');
}

const octal = (mode: number) => '0' + (mode & 0o777).toString(8);

/** The token in a file's text, or why it is none. Visible ASCII only: it travels in an HTTP header. */
function tokenIn(text: string, file: string): string {
  const token = text.trim();
  if (token === '')
    throw new ApiTokenError(`token file ${file} is empty: put a token in it, or delete it to have a new one made`);
  if (!/^[\x21-\x7e]+$/.test(token))
    throw new ApiTokenError(
      `token file ${file} holds more than one token, or characters a header cannot carry: one line of visible ASCII`,
    );
  if (token.length < MIN_TOKEN_CHARS)
    throw new ApiTokenError(
      `the token in ${file} is too short (${token.length} characters; at least ${MIN_TOKEN_CHARS})`,
    );
  return token;
}

/**
 * Reads an existing token file. Refused: not a regular file, any access for others, or writable
 * by the group (someone else could read or replace the secret). Readable by the group is allowed,
 * so a scraper's group on the same machine (`chmod 640`, `chgrp prometheus`) can share it.
 */
async function readTokenFile(file: string): Promise<string> {
  const handle = await fsp.open(file, fsc.O_RDONLY | fsc.O_NOFOLLOW);
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new ApiTokenError(`token file ${file} is not a regular file`);
    if ((st.mode & 0o027) !== 0) {
      throw new ApiTokenError(
        `token file ${file} is open to others (mode ${octal(st.mode)}): run chmod 600 ${file} (or 640 to share it with a group)`,
      );
    }
    if (st.size > MAX_TOKEN_FILE_BYTES)
      throw new ApiTokenError(`token file ${file} is too large to be a token (${st.size} bytes)`);
    const buf = Buffer.alloc(MAX_TOKEN_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    if (bytesRead > MAX_TOKEN_FILE_BYTES) throw new ApiTokenError(`token file ${file} is too large to be a token`);
    return tokenIn(buf.subarray(0, bytesRead).toString('utf8'), file);
  } finally {
    await handle.close();
  }
}

/**
 * Creates `file` (mode 0600) holding a new token, whole or not at all: written to a temporary
 * beside it, flushed, then linked into place — link() never replaces an existing file, so two
 * serves started at once end up sharing whichever token landed first.
 */
async function createTokenFile(file: string): Promise<{ token: string; created: boolean }> {
  const token = newApiToken();
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fsp.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(token + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.link(temp, file);
    return { token, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { token: await readTokenFile(file), created: false };
    throw err;
  } finally {
    await fsp.rm(temp, { force: true });
  }
}

function fileError(err: unknown, file: string): Error {
  if (err instanceof ApiTokenError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ELOOP') return new ApiTokenError(`token file ${file} is a symbolic link: name the file itself`);
  if (e.code === 'ENOENT') return new ApiTokenError(`cannot create token file ${file}: its folder does not exist`);
  if (e.code === 'EACCES' || e.code === 'EPERM')
    return new ApiTokenError(`cannot read or create token file ${file}: permission denied`);
  if (e.code === 'EISDIR') return new ApiTokenError(`token file ${file} is a folder`);
  return new ApiTokenError(`token file ${file}: ${e.message}`);
}

/** The API token: from `file` (made when absent), or a new one for this run when no file is named. */
export async function loadApiToken(file: string | undefined): Promise<{ token: string; created: boolean }> {
  if (file === undefined) return { token: newApiToken(), created: false };
  try {
    return { token: await readTokenFile(file), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(err, file);
  }
  try {
    return await createTokenFile(file);
  } catch (err) {
    throw fileError(err, file);
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Whether an Authorization header value carries `token` as a Bearer credential (RFC 6750; the
 * scheme name is case-insensitive). Compared as sha256 digests with timingSafeEqual: constant
 * time whatever the lengths. Any other header, or none, is false; nothing throws.
 */
export function bearerMatches(header: unknown, token: string): boolean {
  if (typeof header !== 'string') return false;
  const m = /^bearer +(\S+) *$/i.exec(header);
  if (!m) return false;
  return timingSafeEqual(digest(m[1]!), digest(token));
}
