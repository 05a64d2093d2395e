/**
 * DataGrid virtualizes its rows: only those near the viewport are in the DOM. A test that looks
 * for one row among many (other tests' sockets share this host) scrolls the grid until it shows.
 */
import type { Locator } from 'playwright-core';

export async function scrollToRow(grid: Locator, texts: string[], timeoutMs = 30_000): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  const scroller = grid.locator('.MuiDataGrid-virtualScroller');
  const match = () => texts.reduce((l, t) => l.filter({ hasText: t }), grid.getByRole('row'));
  await grid.waitFor();
  while (Date.now() < deadline) {
    await scroller.evaluate((el) => (el.scrollTop = 0));
    for (;;) {
      if ((await match().count()) > 0) return match().first();
      const moved = await scroller.evaluate((el) => {
        const before = el.scrollTop;
        el.scrollTop = before + el.clientHeight * 0.8;
        return el.scrollTop !== before;
      });
      if (!moved) break;
      await grid.page().waitForTimeout(50);
    }
    // Not there yet (the next live refresh may bring it): wait and sweep again.
    await grid.page().waitForTimeout(500);
  }
  const seen = (await grid.getByRole('row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ')).slice(0, 40);
  throw new Error(`no row with ${texts.map((t) => JSON.stringify(t)).join(' and ')} in grid; rows in view:\n${seen.join('\n')}`);
}
