/**
 * The title a process gave itself. Daemons that fork workers rewrite their command line
 * (setproctitle) to say what each process is: `nginx: master process /usr/sbin/nginx`,
 * `nginx: worker process`, `sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups`,
 * `sshd: root@notty`, `postgres: 16/main: checkpointer`. That word tells a family's members
 * apart where the process name ("nginx", "sshd", "postgres") is the same for all.
 */

const MAX = 40;

/** The role word of a self-titled process (`master`, `worker`, `listener`, `checkpointer`), or null. */
export function processTitle(name: string, cmdline: string | null): string | null {
  if (!cmdline || !name) return null;
  // The title begins with the process name and a colon; a plain command line does not.
  if (!cmdline.startsWith(`${name}: `)) return null;
  const title = cmdline.slice(name.length + 2).trim();
  if (!title) return null;
  // "master process /usr/sbin/nginx -g …", "worker process", "cache manager process"
  const proc = /^(.+?) process\b/.exec(title);
  if (proc) return cut(proc[1]!);
  // "/usr/sbin/sshd -D [listener] 0 of 10-100 startups": a restated command line with a bracketed role.
  if (title.startsWith('/')) {
    const bracket = /\[([\w -]+)\]/.exec(title);
    return bracket ? cut(bracket[1]!) : null;
  }
  // "16/main: checkpointer" (PostgreSQL's cluster name first), "root@notty"
  const last = title.slice(title.lastIndexOf(': ') + 1).trim();
  return last ? cut(last) : null;
}

function cut(text: string): string {
  const t = text.trim();
  return t.length > MAX ? `${t.slice(0, MAX - 1)}…` : t;
}
