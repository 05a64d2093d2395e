/** The layering rules of ../shared/ARCHITECTURE.md, made executable: `npm run lint` fails on a wrong import. */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'src/shared holds pure logic: no node:* built-ins, no electron, no other layer.',
      severity: 'error',
      from: { path: '^src/shared' },
      to: { path: ['^src/(main|preload|renderer|cli)', '^electron$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      from: { path: '^src/shared' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'only-main-and-preload-import-electron',
      comment: 'Only the Electron shell (src/main outside core) and the preload may import electron.',
      severity: 'error',
      from: { path: '^src/(shared|renderer|cli|main/core)' },
      to: { path: '^electron$', dependencyTypes: ['npm', 'npm-dev', 'core', 'unknown', 'undetermined', 'npm-no-pkg'] },
    },
    {
      name: 'core-knows-no-shell',
      severity: 'error',
      from: { path: '^src/main/core' },
      to: { path: '^src/(main/(?!core)|preload|renderer|cli)' },
    },
    {
      name: 'renderer-never-imports-main',
      severity: 'error',
      from: { path: '^src/renderer' },
      to: { path: '^src/(main|cli|preload/(?!index\\.d\\.ts))' },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^src/renderer' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-only-shared',
      severity: 'error',
      from: { path: '^src/preload' },
      to: { path: '^src/(main|renderer|cli)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.node.json' },
    tsPreCompilationDeps: true,
    exclude: { path: 'node_modules' },
  },
};
