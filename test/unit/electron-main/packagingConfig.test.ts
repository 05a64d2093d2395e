/**
 * electron-builder.yml, read as electron-builder reads it (js-yaml) and checked against the
 * option names electron-builder's own schema declares, so a misspelt fuse cannot pass silently
 * (electron-builder would only say so at `npm run dist`, which needs a download and Node ≥ 22.12).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const config = load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const schema = JSON.parse(readFileSync(resolve(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
};

describe('electron-builder.yml', () => {
  it('flips the fuses that close the ways around the app: run-as-node, NODE_OPTIONS, --inspect, unsealed asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar and the integrity check mean nothing without an asar.
    expect(config.asar).toBe(true);
  });

  it('uses only option names electron-builder knows', () => {
    const fuseNames = Object.keys(schema.definitions.FuseOptionsV1.properties);
    for (const name of Object.keys(config.electronFuses as object)) expect(fuseNames, name).toContain(name);
    for (const name of Object.keys(config)) expect(Object.keys(schema.properties), name).toContain(name);
  });
});
