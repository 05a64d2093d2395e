/**
 * Service names people can trust. The IANA registry names nearly every port, so a name from the
 * port alone misleads: nginx on 8088 is not "omniorb". A name is shown as the socket's service
 * only where it is likely true — a well-known port (below 1024), a registered port whose name
 * matches the program serving it (postgres on 5432 "postgresql", redis-server on 6379 "redis"),
 * or, for a client, a registered port so common that the name is the usual meaning (mysql,
 * postgresql, redis …). Otherwise the registration is kept as a hint (`serviceHint`).
 */

/** Registered ports a client connecting to them almost always means by the registered name. */
const COMMON_REGISTERED = new Set([1433, 1521, 2049, 3306, 3389, 5432, 5672, 6379, 8080, 8443, 9042, 11211, 27017]);
/** Registered ports whose name is the convention whoever serves them (8080 http-alt, 8443 https-alt). */
const CONVENTIONAL = new Set([8080, 8443]);

const norm = (t: string) => t.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Whether the registered `name` names the program `program` (a process name or executable basename). */
export function nameMatchesProgram(name: string, program: string): boolean {
  const a = norm(name);
  const b = norm(program);
  if (a.length < 3 || b.length < 3) return a === b && a.length > 0;
  // postgres ~ postgresql, redis-server ~ redis, mysqld ~ mysql, mongod ~ mongodb, sshd ~ ssh
  return a.startsWith(b) || b.startsWith(a) || a.startsWith(b.replace(/d$/, '')) || b.startsWith(a.replace(/d$/, ''));
}

/**
 * Whether the registered name of `port` is likely what the socket carries. `serving` is true for
 * the server side (then `programs` are its holders' names and executables), false for a client.
 */
export function serviceLikely(name: string, port: number, serving: boolean, programs: readonly string[]): boolean {
  if (port < 1024 || CONVENTIONAL.has(port)) return true;
  if (programs.some((p) => nameMatchesProgram(name, p))) return true;
  return !serving && COMMON_REGISTERED.has(port);
}
