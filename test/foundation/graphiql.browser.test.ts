/**
 * GraphiQL works with no internet: headless Chromium opens /graphiql, picks a demo token, runs
 * a query and sees its result, and every request the page makes goes to our server.
 * Needs Debian's chromium (.ci/run installs it); skipped without it unless REQUIRE_BROWSER=1.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDemoTokens } from '../../src/auth/demo-tokens';
import { startTestApp, type TestContext } from '../helpers';

const CHROMIUM = '/usr/bin/chromium';
const available = fs.existsSync(CHROMIUM);
if (!available && process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} is missing`);

describe.skipIf(!available)('GraphiQL in a browser, offline', () => {
  let t: TestContext;
  let origin: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    t.app.setDemoTokens(await mintDemoTokens(t.config.jwtSecret, { code: '522327', name: '册亨县' }, { code: '522327104', name: '巧马镇' }, null));
    await new Promise<void>((resolve) => t.app.server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('runs a query with a demo token and shows the result', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));

      await page.goto(`${origin}/graphiql`);
      await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
      await page.selectOption('#demo-token', { label: 'AUDITOR · 册亨县 (522327)' });
      await page.click('.graphiql-execute-button');
      await page.waitForFunction(() => document.querySelector('.result-window')?.textContent?.includes('AUDITOR'), undefined, { timeout: 30_000 });
      const result = await page.textContent('.result-window');
      expect(result).toContain('"scope": "522327000000"');

      expect(pageErrors).toEqual([]);
      const foreign = requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'));
      expect(foreign).toEqual([]);
      expect(requested.some((url) => url.endsWith('/graphql'))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
