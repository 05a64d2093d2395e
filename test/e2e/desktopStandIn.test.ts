/**
 * The Electron stand-in of the desktop harness refuses what it does not implement, so a new use
 * of Electron in the main process cannot pass the harness silently. Each fixture is a tiny main
 * script run exactly as out/main/index.js is.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchDesktop } from '../support/desktop/harness';

const fixture = (name: string) => resolve(__dirname, '../fixtures/desktop', name);

describe('the Electron stand-in', () => {
  it('fails a main script that imports an Electron API it lacks, saying which', async () => {
    await expect(launchDesktop({ main: fixture('usesTray.mjs') })).rejects.toThrow(
      /does not provide an export named 'Tray'/,
    );
  });

  it('fails a main script that reads a member it lacks, saying which and where to add it', async () => {
    await expect(launchDesktop({ main: fixture('usesCommandLine.mjs') })).rejects.toThrow(
      /app\.commandLine is not implemented \(add it to test\/support\/desktop\/electronMain\.ts\)/,
    );
  });

  it('keeps Electron’s timing rules: scheme privileges only before ready', async () => {
    await expect(launchDesktop({ main: fixture('schemeAfterReady.mjs') })).rejects.toThrow(
      /registerSchemesAsPrivileged must be called before the app is ready/,
    );
  });
});
