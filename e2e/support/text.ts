import type { Locator, Page } from 'playwright-core';

/** Text as a reader sees it: the narrow no-break spaces of number and date formats become plain spaces, runs collapse. */
export const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

/** The cells of one row of a table, once that row is there. */
export async function rowCells(row: Locator): Promise<string[]> {
  await row.waitFor();
  return (await row.getByRole('cell').allTextContents()).map(plain);
}

/** Elements that stick out of a narrow viewport (outside the tables' own scrolling regions): none on a usable page. */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    return Array.from(document.querySelectorAll<HTMLElement>('main *'))
      .filter((el) => !el.closest('.table-wrap') && el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${Math.round(el.getBoundingClientRect().right)} px`);
  });
}
