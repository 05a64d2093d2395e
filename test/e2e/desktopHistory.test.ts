/**
 * The desktop app's history through the harness (the built main bundle and preload, the window in
 * Chromium): recording is on by default into userData, the window says so with the file's size,
 * and turning it off is kept in the setting file. Notifications are unsupported in the harness's
 * stand-in; the Notification call itself is in test/unit/electron-main/historyShell.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchDesktop, type DesktopApp } from '../support/desktop/harness';

const home = mkdtempSync(join(tmpdir(), 'sockeye-desktop-history-'));
const userData = join(home, 'config', 'Sockeye');
let app: DesktopApp;
let page: Page;

beforeAll(async () => {
  mkdirSync(join(home, 'Documents'));
  mkdirSync(userData, { recursive: true });
  app = await launchDesktop({ args: [], paths: { home, documents: join(home, 'Documents'), userData } });
  page = app.page;
  page.setDefaultTimeout(60_000);
});
afterAll(async () => {
  await app?.close();
});

describe('desktop history', () => {
  it('records into userData by default, shows it with the size, and keeps "off" as a setting', async () => {
    const status = page.getByLabel('History status');
    await expect.poll(() => status.innerText(), { timeout: 60_000 }).toMatch(/^Recording · \d/);
    const toggle = page.getByRole('switch', { name: 'Record history' });
    expect(await toggle.isChecked()).toBe(true);
    expect(existsSync(join(userData, 'history.db'))).toBe(true);
    await toggle.click();
    await expect.poll(() => status.innerText()).toMatch(/^History \(not recording\)/);
    expect(JSON.parse(readFileSync(join(userData, 'history-settings.json'), 'utf8'))).toEqual({ record: false });
    await page.getByRole('tab', { name: 'Alerts' }).click();
    await page.getByText('Alerts are checked while this app records history').waitFor();
  });
});
