/**
 * The layering rules of docs/architecture.md, made executable: `npm test` fails on a wrong import,
 * type-only imports included. Folders are named for where their code runs:
 *   common        pure TypeScript: no node:*, no DOM, no Electron
 *   node          Node.js services (collectors, DNS, snapshot service, API, HTTP/WebSocket host, files)
 *   electron-main the Electron main-process shell, on top of node
 *   preload       the window's preload: exposes the API over IPC
 *   renderer      the React UI (browser)
 *   cli           the `sockeye` command, on top of node
 */
const layer = (name) => `^src/${name}/`;
const others = (...allowed) =>
  ['common', 'node', 'electron-main', 'preload', 'renderer', 'cli'].filter((l) => !allowed.includes(l)).map(layer);
// Resolved, `electron` is node_modules/electron/… (a bare `^electron$` never matched: the rule was silent).
const ELECTRON = { path: '(^|/)node_modules/electron/|^electron$' };

const onlyImports = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: layer(from) },
  to: { path: others(...allowed) },
});

module.exports = {
  forbidden: [
    onlyImports('common-is-pure', 'common', ['common'], 'src/common imports no other layer.'),
    {
      name: 'common-no-node-builtins',
      comment: 'src/common runs anywhere: in the renderer, in a worker, in Node.',
      severity: 'error',
      from: { path: layer('common') },
      to: { dependencyTypes: ['core'] },
    },
    onlyImports(
      'node-on-common',
      'node',
      ['common', 'node'],
      'The Node layer knows no shell: not Electron, not the CLI.',
    ),
    onlyImports(
      'electron-main-on-node',
      'electron-main',
      ['common', 'node', 'electron-main'],
      'The Electron shell sits on the Node layer; never on the CLI or the renderer.',
    ),
    onlyImports(
      'cli-on-node',
      'cli',
      ['common', 'node', 'cli'],
      'The CLI sits on the Node layer; never on the Electron shell or the renderer.',
    ),
    onlyImports('preload-on-common', 'preload', ['common', 'preload'], 'The preload only exposes the contract.'),
    onlyImports(
      'renderer-on-common',
      'renderer',
      ['common', 'renderer'],
      'The UI talks to a SockeyeApi, never to Node code.',
    ),
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: layer('renderer') },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'only-electron-main-and-preload-import-electron',
      severity: 'error',
      from: { path: '^src/(common|node|renderer|cli)/' },
      to: ELECTRON,
    },
    {
      name: 'no-circular',
      comment: 'Imports run one way: a circle means two modules are one idea, or a third is missing.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Not `exclude`: excluded, npm modules vanish from the graph, and no rule can see an import of electron.
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.node.json' },
    tsPreCompilationDeps: true,
  },
};
