/**
 * The layering rules (.dependency-cruiser.cjs) fail on wrong imports: run over a fixture tree
 * whose every file breaks one (test/fixtures/layering/src), each rule must fire where expected.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../fixtures/layering');
const rules = createRequire(import.meta.url)('../../.dependency-cruiser.cjs');

describe('layering rules', () => {
  it('catch every kind of wrong import, type-only ones included', async () => {
    const result = (
      await cruise(['src'], {
        baseDir: root,
        validate: true,
        ruleSet: { forbidden: rules.forbidden },
        tsPreCompilationDeps: true,
      })
    ).output as ICruiseResult;
    const found = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual(
      [
        'cli-on-node: src/cli/command.ts → src/electron-main/shell.ts',
        'common-is-pure: src/common/pure.ts → src/node/service.ts',
        'common-is-pure: src/common/pure.ts → src/renderer/view.ts',
        'common-no-node-builtins: src/common/pure.ts → fs',
        'no-circular: src/renderer/circleB.ts → src/renderer/view.ts',
        'node-on-common: src/node/service.ts → src/cli/command.ts',
        'only-electron-main-and-preload-import-electron: src/node/service.ts → ../../../node_modules/electron/index.js',
        'renderer-no-node-builtins: src/renderer/view.ts → path',
        'renderer-on-common: src/renderer/view.ts → src/node/service.ts',
      ].sort(),
    );
  });
});
