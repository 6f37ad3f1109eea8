// The dashboard's read-only pages in a real browser, on the seeded database: what each shows is checked against
// the API's own answer, links are followed, the commitment table is filtered, sorted and paged through the URL.
import type { Page } from 'playwright-core';
import { useTestServer } from '../support/fixture';
import { countGraphQLRequests, dataShown, describeInBrowser, focused, loadsDrawn, useBrowser } from '../support/browser';

jest.setTimeout(60_000);

const COUNTS = 'total completed partiallyCompleted inProgress announced stalled abandoned superseded followThroughRate';
const pct = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

describeInBrowser('dashboard pages (Chromium)', () => {
  const suite = useTestServer({ database: 'seeded' });
  const { browser } = useBrowser();
  let page: Page;
  let requests: ReturnType<typeof countGraphQLRequests>;

  beforeEach(async () => {
    page = await browser().newPage({ viewport: { width: 1200, height: 900 } });
    requests = countGraphQLRequests(page);
  });
  afterEach(async () => {
    await page.close();
  });

  const open = async (path: string) => {
    const response = await page.goto(suite.server.baseUrl + path);
    await dataShown(page);
    return response!;
  };

  test('the overview shows every partnership with the API’s figures, in one request, and reports its timings', async () => {
    const api = (await suite.server.graphql(`{ partnerships { slug name overdueCount staleCount(days: 365) statusCounts { ${COUNTS} } } compliance(groupBy: PARTNERSHIP) { groups { key score { percentage } } } }`)).body.data!;
    expect(api.partnerships.length).toBeGreaterThan(1);
    await open('/');

    const cards = page.locator('ul.cards > li');
    await expect(cards.count()).resolves.toBe(api.partnerships.length);
    for (const partnership of api.partnerships) {
      const card = page.locator(`li.card[data-slug="${partnership.slug}"]`);
      await expect(card.locator('h2').textContent()).resolves.toBe(partnership.name);
      await expect(card.locator('[data-field=followThrough]').textContent()).resolves.toBe(pct(partnership.statusCounts.followThroughRate));
      await expect(card.locator('[data-field=overdue]').textContent()).resolves.toBe(String(partnership.overdueCount));
      await expect(card.locator('[data-field=stale]').textContent()).resolves.toBe(String(partnership.staleCount));
      await expect(card.locator('[data-field=total]').textContent()).resolves.toBe(String(partnership.statusCounts.total));
      const compliance = api.compliance.groups.find((group: any) => group.key === partnership.slug)?.score.percentage;
      await expect(card.locator('[data-field=compliance]').textContent()).resolves.toBe(compliance == null ? '–' : `${Math.round(compliance)}%`);
      // The stacked bar says in words what it draws; the table under it has the same numbers.
      await expect(card.locator('.bar').getAttribute('aria-label')).resolves.toContain(`${partnership.statusCounts.total} commitments`);
      const row = page.locator('#status-table tbody tr', { has: page.locator('th', { hasText: partnership.name }) });
      await expect(row.locator('td').last().textContent()).resolves.toBe(String(partnership.statusCounts.total));
      await expect(row.locator('td').first().textContent()).resolves.toBe(String(partnership.statusCounts.completed));
    }
    expect(requests.count()).toBe(1);

    const timing = await page.evaluate(() => ({
      firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? performance.getEntriesByName('first-paint')[0]?.startTime,
      dataComplete: performance.getEntriesByName('data-complete')[0]?.startTime,
      request: performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/graphql'))?.duration,
    }));
    // Cumulative layout shift, Chromium's measure of content jumping as it arrives (0.1 is "good").
    const layoutShift = await page.evaluate<number>(`new Promise((resolve) => {
      let total = 0;
      new PerformanceObserver((list) => { for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value; })
        .observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => resolve(total), 200);
    })`);
    console.log(
      `overview on the seeded database: first contentful paint ${timing.firstPaint?.toFixed(0)} ms, data complete ${timing.dataComplete?.toFixed(0)} ms (the GraphQL request ${timing.request?.toFixed(0)} ms) ` +
        `(targets 1000 / 1500 ms; reported, not asserted), cumulative layout shift ${layoutShift.toFixed(3)}`,
    );
    expect(timing.dataComplete).toBeGreaterThan(0);
  });

  test('a partnership: level history, pillars, the 24-month chart with its table, and the commitment table, in one request', async () => {
    const { partnerships } = (await suite.server.graphql('{ partnerships { slug name } }')).body.data!;
    await open('/');
    const target = partnerships[0];
    requests.reset();
    await page.click(`li.card[data-slug="${target.slug}"] h2 a`);
    await page.waitForURL(`**/partnerships/${target.slug}`);
    await dataShown(page);
    expect(requests.count()).toBe(1);

    const { partnership } = (
      await suite.server.graphql(`query ($slug: String!) { partnership(slug: $slug) { id name milestones { title } pillars { name statusCounts { total } } commitments(first: 20) { totalCount nodes { title } } } }`, { slug: target.slug })
    ).body.data!;
    await expect(page.locator('h1').textContent()).resolves.toBe(partnership.name);
    await expect(page.locator('#level-history li').count()).resolves.toBe(partnership.milestones.length);
    await expect(page.locator('#pillars > li').count()).resolves.toBe(partnership.pillars.length);
    await expect(page.locator('#pillars .bar').count()).resolves.toBe(partnership.pillars.length);
    for (const [index, pillar] of partnership.pillars.entries()) {
      await expect(page.locator('#pillar-table tbody tr').nth(index).locator('th').textContent()).resolves.toBe(pillar.name);
      await expect(page.locator('#pillar-table tbody tr').nth(index).locator('td').last().textContent()).resolves.toBe(String(pillar.statusCounts.total));
    }

    // The chart's numbers, month by month, as the API's statusTimeline gives them.
    const to = new Date().toISOString().slice(0, 10);
    const now = new Date();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 23, 1)).toISOString().slice(0, 10);
    const { statusTimeline } = (
      await suite.server.graphql(`query ($f: CommitmentFilter, $from: LocalDate!, $to: LocalDate!) { statusTimeline(filter: $f, from: $from, to: $to, interval: MONTH) { points { periodStart followThroughRate } } }`, { f: { partnershipId: partnership.id }, from, to })
    ).body.data!;
    expect(statusTimeline.points).toHaveLength(24);
    const rows = await page.locator('#timeline-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent]));
    expect(rows).toEqual(statusTimeline.points.map((point: any) => [point.periodStart.slice(0, 7), pct(point.followThroughRate)]));
    await expect(page.locator('.chart canvas').count()).resolves.toBe(1);

    await expect(page.locator('#commitment-table caption').textContent()).resolves.toBe(`Commitments (${partnership.commitments.totalCount})`);
    const titles = await page.locator('#commitment-table tbody th a').allTextContents();
    expect(titles).toEqual(partnership.commitments.nodes.map((node: any) => node.title));
  });

  test('the commitment table filters, sorts and pages with its state in the URL, one request each, and Back restores it', async () => {
    const { partnerships } = (await suite.server.graphql('{ partnerships { slug commitments { totalCount } } }')).body.data!;
    const biggest = [...partnerships].sort((a: any, b: any) => b.commitments.totalCount - a.commitments.totalCount)[0];
    expect(biggest.commitments.totalCount).toBeGreaterThan(20);
    await open(`/partnerships/${biggest.slug}`);

    // Sorted by title: the API's first page in that order.
    const byTitle = (await suite.server.graphql(`query ($slug: String!) { partnership(slug: $slug) { commitments(first: 20, orderBy: { field: TITLE, direction: ASC }) { nodes { title } } } }`, { slug: biggest.slug })).body.data!.partnership.commitments.nodes.map((node: any) => node.title);
    requests.reset();
    let loads = await loadsDrawn(page);
    await page.click('button[data-sort=TITLE]');
    await dataShown(page, loads);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('TITLE');
    await expect(page.locator('#commitment-table tbody th a').allTextContents()).resolves.toEqual(byTitle);
    await expect(page.locator('th[aria-sort=ascending]').count()).resolves.toBe(1);

    // The next page, then Back.
    loads = await loadsDrawn(page);
    await page.click('button[rel=next]');
    await dataShown(page, loads);
    expect(new URL(page.url()).searchParams.get('after')).toBeTruthy();
    const second = await page.locator('#commitment-table tbody th a').allTextContents();
    expect(second).toHaveLength(Math.min(20, biggest.commitments.totalCount - 20));
    expect(second.filter((title) => byTitle.includes(title))).toEqual([]);
    loads = await loadsDrawn(page);
    await page.click('button[rel=prev]');
    await dataShown(page, loads);
    await expect(page.locator('#commitment-table tbody th a').allTextContents()).resolves.toEqual(byTitle);

    // A status filter, then the overdue filter with it; the counts are the API's.
    const api = async (filter: object) =>
      (await suite.server.graphql(`query ($slug: String!, $f: CommitmentFilter) { partnership(slug: $slug) { commitments(filter: $f) { totalCount } } }`, { slug: biggest.slug, f: filter })).body.data!.partnership.commitments.totalCount;
    loads = await loadsDrawn(page);
    await page.selectOption('select[name=status]', 'COMPLETED');
    await page.click('form.filters button[type=submit]');
    await dataShown(page, loads);
    expect(new URL(page.url()).searchParams.get('status')).toBe('COMPLETED');
    await expect(page.locator('#commitment-table caption').textContent()).resolves.toBe(`Commitments (${await api({ status: ['COMPLETED'] })})`);
    const badges = await page.locator('#commitment-table tbody .badge').allTextContents();
    expect(new Set(badges)).toEqual(new Set(['Completed']));

    loads = await loadsDrawn(page);
    await page.fill('input[name=q]', 'agreement');
    await page.click('form.filters button[type=submit]');
    await dataShown(page, loads);
    expect(new URL(page.url()).searchParams.get('q')).toBe('agreement');
    await expect(page.locator('#commitment-table caption').textContent()).resolves.toBe(`Commitments (${await api({ status: ['COMPLETED'], search: 'agreement' })})`);
    expect(requests.count()).toBe(5);

    // The URL alone restores the view: reloading it shows the same filters and rows.
    const url = page.url();
    const shown = await page.locator('#commitment-table tbody th a').allTextContents();
    await page.goto(url);
    await dataShown(page);
    await expect(page.locator('select[name=status]').inputValue()).resolves.toBe('COMPLETED');
    await expect(page.locator('input[name=q]').inputValue()).resolves.toBe('agreement');
    await expect(page.locator('#commitment-table tbody th a').allTextContents()).resolves.toEqual(shown);

    loads = await loadsDrawn(page);
    await page.goBack();
    await dataShown(page, loads);
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
    expect(new URL(page.url()).searchParams.get('status')).toBe('COMPLETED');
  });

  test('a commitment shows its quotes, actors, deadline and history; a quote links to its document, where it is highlighted', async () => {
    const { commitments } = (await suite.server.graphql('{ commitments(first: 50, filter: { hasDeadline: true }) { nodes { slug } } }')).body.data!;
    const slug = commitments.nodes[0].slug;
    const { commitment } = (
      await suite.server.graphql(
        `query ($slug: String!) { commitment(slug: $slug) { title deadline { date } actors { actor { name } } provenance { databaseId quote document { slug title text } } statusHistory(first: 100) { nodes { rationale } } } }`,
        { slug },
      )
    ).body.data!;
    await open(`/commitments/${slug}`);
    expect(requests.count()).toBe(1);
    await expect(page.locator('h1').textContent()).resolves.toBe(commitment.title);
    await expect(page.locator('#quotes blockquote').allTextContents()).resolves.toEqual(commitment.provenance.map((source: any) => source.quote));
    await expect(page.locator('#actors li').count()).resolves.toBe(commitment.actors.length);
    await expect(page.locator('[data-field=deadline]').textContent()).resolves.toContain(commitment.deadline.date.slice(0, 4));
    await expect(page.locator('#history .rationale').allTextContents()).resolves.toEqual(commitment.statusHistory.nodes.map((node: any) => node.rationale));
    // A reader sees no edit controls.
    await expect(page.locator('form[name=status-change]').count()).resolves.toBe(0);

    const source = commitment.provenance[0];
    requests.reset();
    await page.click(`#quotes a[href$="#mention-${source.databaseId}"]`);
    await page.waitForURL(`**/documents/${source.document.slug}#mention-${source.databaseId}`);
    await dataShown(page);
    expect(requests.count()).toBe(1);
    await expect(page.locator('h1').textContent()).resolves.toBe(source.document.title);
    await expect(page.locator('#document-text').textContent()).resolves.toBe(source.document.text);
    const current = page.locator('mark.current');
    await expect(current.textContent()).resolves.toBe(source.quote);
    await expect(current.getAttribute('id')).resolves.toBe(`mention-${source.databaseId}`);
    await expect(focused(page)).resolves.toBe(`mention-${source.databaseId}`);
    // Every mention of the document is marked and links to its commitment.
    const { sourceDocument } = (await suite.server.graphql('query ($slug: String!) { sourceDocument(slug: $slug) { commitments(first: 100) { totalCount } } }', { slug: source.document.slug })).body.data!;
    await expect(page.locator('#document-text mark a[href^="/commitments/"]').count()).resolves.toBe(sourceDocument.commitments.totalCount);
  });

  test('every page fits 360 px without sideways scrolling, and the skip link is the first stop of the keyboard', async () => {
    const { commitments, sourceDocuments, partnerships } = (await suite.server.graphql('{ partnerships { slug } commitments(first: 1) { nodes { slug } } sourceDocuments(first: 1) { nodes { slug } } }')).body.data!;
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/', `/partnerships/${partnerships[0].slug}`, `/commitments/${commitments.nodes[0].slug}`, `/documents/${sourceDocuments.nodes[0].slug}`]) {
      await open(path);
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect([path, width]).toEqual([path, 360]);
    }
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect(focused(page)).resolves.toBe('main');
  });

  test('an unknown id gets the not-found page with HTTP 404', async () => {
    for (const path of ['/partnerships/no-such-partnership', '/commitments/no-such-commitment', '/documents/no-such-document']) {
      const response = await page.goto(suite.server.baseUrl + path);
      expect([path, response!.status()]).toEqual([path, 404]);
      await expect(page.locator('h1').textContent()).resolves.toBe('Not found');
    }
    expect(requests.count()).toBe(0);
  });

  test('when the API fails the page says so and offers a retry, which then shows the data', async () => {
    let failures = 1;
    await page.route('**/graphql', async (route) => {
      if (failures-- > 0) return route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'Internal server error. Quote error id test-1 when reporting it.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }) });
      return route.continue();
    });
    await page.goto(suite.server.baseUrl + '/');
    const alert = page.locator('[role=alert]');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('Internal server error. Quote error id test-1');
    await page.click('[role=alert] button:text("Retry")');
    await dataShown(page);
    await expect(page.locator('h1').textContent()).resolves.toBe('Partnerships');
    await expect(page.locator('ul.cards > li').count()).resolves.toBeGreaterThan(1);
  });
});
