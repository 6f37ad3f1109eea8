// The browser tests drive the Debian `chromium` package through playwright-core (which brings no browser of
// its own). Without a Chromium they are skipped, and say so on the console: .ci/run installs it.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWebBundle } from '../../scripts/build-web';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const chromiumPath = CANDIDATES.find((candidate): candidate is string => !!candidate && existsSync(candidate));

/** `describe` when a Chromium is installed; otherwise the block is skipped with a message saying why. */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumPath) return describe(name, body);
  console.warn(`SKIPPED browser tests "${name}": no Chromium found (looked for ${CANDIDATES.filter(Boolean).join(', ')}; set CHROMIUM_PATH, or apt-get install chromium)`);
  describe.skip(name, body);
}

/** The bundle the pages load, built fresh (the tests run from source, without `npm run build`). */
export function useBrowser(): { browser: () => Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    await buildWebBundle();
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return { browser: () => browser! };
}

/** The GraphQL requests (POST /graphql) a page makes, as they are sent. */
export function countGraphQLRequests(page: Page): { count: () => number; reset: () => void; bodies: () => string[] } {
  let bodies: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') bodies.push(request.postData() ?? '');
  });
  return { count: () => bodies.length, reset: () => (bodies = []), bodies: () => bodies };
}

/** How many loads the page has drawn (web/src/page.ts counts them in <body data-loads>). */
// Expressions evaluated in the page are strings: the tests are type-checked without the DOM library.
export const loadsDrawn = (page: Page) => page.evaluate<number>('Number(document.body.dataset.loads ?? 0)');

/** The id of the focused element, or its text when it has none. */
export const focused = (page: Page) => page.evaluate<string | undefined>('document.activeElement?.id || document.activeElement?.textContent');

/** Waits until the page has drawn more than `after` loads of its data, or failed to. */
export async function dataShown(page: Page, after = 0): Promise<void> {
  // A function, not a string: the pages' Content-Security-Policy forbids eval, which a string predicate needs.
  await page.waitForFunction((count) => {
    const { dataset } = (globalThis as unknown as { document: { body: { dataset: Record<string, string | undefined> } } }).document.body;
    return Number(dataset.loads ?? 0) > count || dataset.state === 'error';
  }, after);
}
