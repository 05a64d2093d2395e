/**
 * The desktop window through Playwright's Electron driver. It needs the Electron binary, which
 * cannot be downloaded on our build machines: there the test is skipped and says why, and
 * desktop.test.ts runs the same built app through the harness in test/support/desktop instead.
 */
import { resolve } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { electronBinary } from '../../scripts/electronBinary.mjs';

const exe: string | null = electronBinary();
if (!exe)
  console.warn(
    'e2e: the Electron desktop test is skipped — the Electron binary is not installed on this machine (it cannot be downloaded here)',
  );

describe('desktop app (Electron)', () => {
  it.skipIf(!exe)(
    `opens the window with the four tabs${exe ? '' : ' (skipped: Electron binary not installed on this machine)'}`,
    async () => {
      const app = await electron.launch({ executablePath: exe!, args: [resolve(__dirname, '../..')] });
      try {
        const win = await app.firstWindow();
        for (const name of ['Processes', 'Ports', 'Connections', 'Addresses']) {
          await expect(win.getByRole('tab', { name }).count()).resolves.toBe(1);
        }
        await expect(win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).resolves.toBe(
          'undefined',
        );
        // Served by the app's own protocol, with the preload's API in place (a sandboxed preload that
        // throws leaves it out; desktop.test.ts checks the same through the harness).
        expect(win.url()).toBe('sockeye://app/index.html');
        await expect(
          win.evaluate(() => (window as unknown as { sockeye?: { transport: string } }).sockeye?.transport),
        ).resolves.toBe('ipc');
      } finally {
        await app.close();
      }
    },
  );
});
