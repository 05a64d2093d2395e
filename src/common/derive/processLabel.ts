/**
 * A process name a developer recognises. `node`, `python3` or `java` alone says little when five
 * of them run; the script, module or jar they run — or, for a generic entry point such as
 * `index.js`, the project folder — says which: `node · my-api`, `python · http.server`,
 * `java · kafka`. Anything that is not a known runtime keeps its own name.
 */
import { processTitle } from './processTitle';
import { dockerProxyTarget, dockerProxyText } from '../containers/dockerProxy';

interface LabelInput {
  name: string;
  cmdline: string | null;
  cwd: string | null;
}

const RUNTIME = /^(node|nodejs|deno|bun|python[\d.]*|pypy[\d.]*|ruby[\d.]*|perl[\d.]*|php[\d.]*|java|dotnet|electron)$/;

/** A generic runtime (node, python, java …): the same binary runs unrelated programs. */
export const isRuntime = (name: string): boolean => RUNTIME.test(name.toLowerCase());
/** Entry points that name nothing on their own: label with the folder instead. */
const GENERIC_FILES = new Set([
  'index',
  'main',
  'server',
  'app',
  'start',
  'cli',
  'run',
  'www',
  '__main__',
  'manage',
  'wsgi',
  'asgi',
]);
const GENERIC_DIRS = new Set(['src', 'dist', 'build', 'lib', 'bin', 'out', 'app', 'server', '.bin', 'scripts']);
/** Flags that take the next argument as their value. */
const FLAGS_WITH_VALUE = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '-e',
  '--eval',
  '-cp',
  '-classpath',
  '--cp',
  '-X',
  '-W',
  '-c',
]);
const SUBCOMMANDS = new Set(['run', 'start', 'exec', 'serve', 'x']);

function basename(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

function dirname(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : '';
}

function stripExtension(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}

/** The folder that names a project: the nearest ancestor of `dir` that is not a generic folder. */
function projectFolder(dir: string): string | null {
  let d = dir;
  while (d) {
    const b = basename(d);
    if (b && !GENERIC_DIRS.has(b) && b !== 'node_modules') return b;
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  return null;
}

function detail(runtime: string, args: string[], cwd: string | null): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (runtime.startsWith('python') && a === '-m' && args[i + 1]) return args[i + 1]!;
    if (runtime === 'java' && a === '-jar' && args[i + 1]) return stripExtension(basename(args[i + 1]!));
    if (a.startsWith('-')) {
      if (FLAGS_WITH_VALUE.has(a)) i++;
      continue;
    }
    if (SUBCOMMANDS.has(a) && (runtime === 'deno' || runtime === 'bun' || runtime === 'dotnet')) continue;
    // java's first non-flag argument is the main class: keep its last segment.
    if (runtime === 'java') return a.slice(a.lastIndexOf('.') + 1) || a;
    const file = stripExtension(basename(a));
    if (!GENERIC_FILES.has(file)) return file;
    const dir = dirname(a);
    const base = dir.startsWith('/') ? dir : cwd ? (dir ? `${cwd}/${dir}` : cwd) : dir;
    return projectFolder(base) ?? file;
  }
  return cwd ? projectFolder(cwd) : null;
}

/**
 * `name · what it runs` for runtimes (node, python, java …), `name · title` for a process that
 * titled itself (`nginx · worker`, `sshd · listener`, see processTitle.ts), else the process name.
 */
export function processLabel(p: LabelInput): string {
  // Docker's userland proxy: what it publishes, from its own arguments.
  const proxied = dockerProxyTarget(p.name, p.cmdline);
  if (proxied) return `${p.name} · ${dockerProxyText(proxied)}`;
  const title = processTitle(p.name, p.cmdline);
  if (title) return `${p.name} · ${title}`;
  const runtime = p.name.toLowerCase();
  if (!RUNTIME.test(runtime) || !p.cmdline) return p.name;
  const args = p.cmdline.split(/\s+/).filter(Boolean).slice(1);
  // npm/yarn/pnpm run through node: name the tool and the project.
  const tool = args[0] ? /(?:^|[\\/])(npm|npx|yarn|pnpm)(?:-cli)?(?:\.c?js)?$/.exec(args[0]) : null;
  if (tool)
    return `${tool[1]} · ${p.cwd ? (projectFolder(p.cwd) ?? basename(p.cwd)) : args.slice(1).join(' ') || tool[1]}`;
  const d = detail(runtime, args, p.cwd);
  return d ? `${p.name} · ${d}` : p.name;
}
