/**
 * Packaging sanity without electron-builder (it downloads Electron): every file the built app
 * loads at run time, read from the built bundles' own references — static and dynamic imports,
 * `join(__dirname, "…")`, `new URL("…", import.meta.url)`, worker candidates, the preload, the
 * renderer page and what it loads — must be packed by electron-builder.yml's `files` (matched
 * with minimatch, as electron-builder does), native addons must be unpacked from the asar, and
 * every package the bundles import must be a production dependency (electron-builder packs only
 * those into node_modules).
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { load } from 'js-yaml';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const config = load(readFileSync(resolve(ROOT, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
  asarUnpack?: string[];
  extraMetadata?: { main?: string };
};
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};

/** electron-builder's `files`: patterns in order, a later `!pattern` excluding what earlier ones took. */
function packed(file: string): boolean {
  let inside = false;
  for (const p of config.files) {
    if (p.startsWith('!')) {
      if (minimatch(file, p.slice(1), { dot: true })) inside = false;
    } else if (minimatch(file, p, { dot: true })) inside = true;
  }
  return inside;
}

const QUOTED = /(["'`])((?:\.\.?\/)[^"'`\s]*?\.(?:m?js|cjs|html|png|ico|svg|css|json|node|wasm))\1/g;
/** A folder named in a bundle (the renderer, served by the app's protocol): what it serves starts at its index.html. */
const QUOTED_DIR = /(["'`])((?:\.\.?\/)[\w./-]*?)\1/g;
const BARE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/g;

interface Reference {
  file: string;
  from: string;
}

/** Everything the bundle at `entry` reaches: local files (transitively, for scripts) and package names. */
function reach(entries: string[]): { files: Reference[]; packages: Map<string, string> } {
  const seen = new Set<string>();
  const files: Reference[] = [];
  const packages = new Map<string, string>();
  const queue = entries.map((file) => ({ file, from: '(entry)' }));
  while (queue.length) {
    const ref = queue.shift()!;
    if (seen.has(ref.file)) continue;
    seen.add(ref.file);
    files.push(ref);
    if (!/\.(m?js|cjs|html)$/.test(ref.file)) continue;
    const text = readFileSync(ref.file, 'utf8');
    for (const m of text.matchAll(QUOTED)) {
      const target = resolve(dirname(ref.file), m[2]!);
      // A candidate path that does not exist in the build (a fallback for another layout) is never loaded.
      if (existsSync(target)) queue.push({ file: target, from: relative(ROOT, ref.file) });
    }
    for (const m of text.matchAll(QUOTED_DIR)) {
      const index = resolve(dirname(ref.file), m[2]!, 'index.html');
      if (existsSync(index)) queue.push({ file: index, from: relative(ROOT, ref.file) });
    }
    if (ref.file.endsWith('.html'))
      for (const m of text.matchAll(/(?:src|href)="([^"]+)"/g))
        if (!/^[a-z]+:/i.test(m[1]!))
          queue.push({ file: resolve(dirname(ref.file), m[1]!), from: relative(ROOT, ref.file) });
    // Package imports matter in the Node bundles; the renderer's are bundled for the browser already.
    if (ref.file.startsWith(resolve(ROOT, 'out/renderer'))) continue;
    for (const m of text.matchAll(BARE_IMPORT)) {
      const name = m[1]!.startsWith('@') ? m[1]!.split('/').slice(0, 2).join('/') : m[1]!.split('/')[0]!;
      if (name.startsWith('node:') || builtinModules.includes(name) || name === 'electron') continue;
      packages.set(name, relative(ROOT, ref.file));
    }
  }
  return { files, packages };
}

const mainEntry = resolve(ROOT, pkg.main);
const app = reach([mainEntry]);

describe('what the packaged app loads at run time', () => {
  it('starts from the main field electron-builder writes', () => {
    expect(resolve(ROOT, config.extraMetadata?.main ?? '')).toBe(mainEntry);
    expect(existsSync(mainEntry), `${pkg.main} is not built: run npm run build:app`).toBe(true);
  });

  it('finds the worker, its chunks, the preload, the renderer and the icon in the bundle itself', () => {
    const rel = app.files.map((f) => relative(ROOT, f.file));
    expect(rel).toEqual(
      expect.arrayContaining([
        'out/main/snapshotWorker.js',
        'out/preload/index.cjs',
        'out/renderer/index.html',
        'resources/icon.png',
      ]),
    );
    expect(rel.some((f) => /^out\/main\/chunks\/.+\.js$/.test(f))).toBe(true);
    expect(rel.some((f) => /^out\/renderer\/assets\/index-.+\.js$/.test(f))).toBe(true);
  });

  it('every one of those files is packed by electron-builder.yml `files`', () => {
    const missing = app.files.filter((f) => !packed(relative(ROOT, f.file)));
    expect(missing.map((f) => `${relative(ROOT, f.file)} (loaded by ${f.from})`)).toEqual([]);
    for (const f of app.files) expect(existsSync(f.file), relative(ROOT, f.file)).toBe(true);
  });

  it('native addons, if any, are unpacked from the asar (a .node file cannot be loaded from inside it)', () => {
    const addons = app.files.filter((f) => f.file.endsWith('.node')).map((f) => relative(ROOT, f.file));
    for (const a of addons)
      expect(
        (config.asarUnpack ?? []).some((p) => minimatch(a, p)),
        `${a} must be in asarUnpack`,
      ).toBe(true);
  });

  it('every package the bundles import is a production dependency (devDependencies are not packed)', () => {
    const notPacked = [...app.packages].filter(([name]) => !(name in pkg.dependencies));
    expect(notPacked.map(([name, from]) => `${name} (imported by ${from})`)).toEqual([]);
    // The preload is sandboxed: it may require nothing but electron (its dependencies are bundled in).
    const preload = reach([resolve(ROOT, 'out/preload/index.cjs')]);
    expect([...preload.packages.keys()]).toEqual([]);
  });
});
