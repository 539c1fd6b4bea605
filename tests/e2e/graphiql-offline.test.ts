/**
 * GraphiQL with the network cut: every request that does not go to the service is aborted, and
 * GraphiQL must still render, open each example tab with its own query, and run it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphiqlTabs } from '../../src/server/graphiql.js';
import { cutNetwork, launchBrowser, noBrowser, serveSeeded, type TestService } from './browser.js';

let service: TestService;
let browser: Browser;
let page: Page;
const outside: string[] = [];

/** The text of an editor (Monaco draws spaces as no-break spaces). */
const text = (p: Page, selector: string) =>
  p
    .locator(selector)
    .innerText()
    .then((t) => t.replace(/\u00a0/g, ' '));
const editorText = (p: Page) => text(p, '.graphiql-query-editor .view-lines');

describe.skipIf(!!noBrowser)(noBrowser ?? 'GraphiQL offline', () => {
  beforeAll(async () => {
    service = await serveSeeded();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await cutNetwork(page, outside);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close(0);
  });

  it('renders the editor from the service alone', async () => {
    await page.goto(service.url);
    await page.waitForSelector('.graphiql-query-editor .view-lines', { timeout: 60_000 });
    expect(await page.title()).toBe('Career Lattice');
    expect(outside).toEqual([]);
  });

  it('opens every example tab with its own query, in any order', async () => {
    const examples = (await graphiqlTabs(service.prisma)).map((t) => t.query.split('\n')[0]!);
    const tabs = page.locator('.graphiql-tab-button');
    await expect.poll(() => tabs.count()).toBe(examples.length);
    // Backwards, then the first again: a tab strip that remembers stale positions fails this.
    for (const i of [...examples.keys()].reverse().concat(0, 1)) {
      await tabs.nth(i).click();
      await expect.poll(() => editorText(page).then((t) => t.split('\n')[0])).toBe(examples[i]);
    }
  });

  it('runs a tab’s query against the service', async () => {
    // A fresh page: GraphiQL 5 can keep a stale operation name when tabs are switched faster than
    // its editor re-parses (graphql/graphiql#2311), as the test above does on purpose.
    await page.close();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await cutNetwork(page, outside);
    await page.goto(service.url);
    await page.waitForSelector('.graphiql-query-editor .view-lines', { timeout: 60_000 });
    const tabs = page.locator('.graphiql-tab-button');
    await tabs.nth(1).click();
    await expect.poll(() => editorText(page)).toMatch(/query NextSteps/);
    // GraphiQL 5 takes the operation name from the editor a moment after the tab switch; a person
    // clicking Run at once can meet the previous tab's name ("Cannot infer operation") and runs again.
    await expect
      .poll(
        async () => {
          await page.locator('.graphiql-execute-button').click();
          await page.waitForTimeout(1_000);
          return text(page, '.graphiql-response');
        },
        { timeout: 30_000, interval: 0 },
      )
      .toMatch(/"nextSteps"/);
    expect(await text(page, '.graphiql-response')).toMatch(/"title": "Medical Assistant"/);
    expect(outside).toEqual([]);
  });
});
