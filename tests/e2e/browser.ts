/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), and the service on a
 * test database, in this process, for the browser tests. Without a browser the tests are skipped
 * with the reason in their name; in CI (.ci/run installs chromium) a missing browser fails instead.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createApp } from '../../src/server/app.js';
import type { ServerConfig } from '../../src/config.js';
import { type Listening, listen } from '../../src/server/http.js';
import { testDatabase } from '../support/database.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export const noBrowser: string | undefined = existsSync(executablePath)
  ? undefined
  : `skipped: no browser at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)`;

if (noBrowser && process.env.CI === 'true') {
  throw new Error(`The browser tests must run in CI, but there is ${noBrowser.replace('skipped: ', '')}.`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Aborts every request that does not go to the service, as with the network cut, noting each in `outside`. */
export async function cutNetwork(target: BrowserContext | Page, outside: string[]): Promise<void> {
  await target.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'blob:' || url.protocol === 'data:') return route.continue();
    outside.push(url.href);
    return route.abort('internetdisconnected');
  });
}

export type TestService = Listening & { origin: string; prisma: Awaited<ReturnType<typeof testDatabase>>['prisma'] };

/** The service (as createApp builds it for npm start) on a seeded database of this file's own. */
export async function serveSeeded(config: Partial<ServerConfig> = {}): Promise<TestService> {
  const { prisma } = await testDatabase('seeded');
  // No rate limit: one test session makes many queries in a few seconds, as no real user does.
  const app = createApp({ prisma, config: { rateLimitPoints: 0, ...config } });
  const http = await listen(app, 0, '127.0.0.1');
  return { ...http, origin: new URL(http.url).origin, prisma };
}
