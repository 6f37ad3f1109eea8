// Editors in the browser: a status change made on one page appears on another open page through the
// subscription; a concurrent change is reported as a clear conflict; readers get no edit controls and a
// write without an editor's key is refused; text from documents and commitments shows as text, never as HTML.
import type { Browser, Page } from 'playwright-core';
import { useTestServer } from '../support/fixture';
import { countGraphQLRequests, dataShown, describeInBrowser, loadsDrawn, useBrowser } from '../support/browser';

jest.setTimeout(90_000);

const UPDATE_STATUS = `mutation ($input: UpdateCommitmentStatusInput!) {
  updateCommitmentStatus(input: $input) { commitment { status version } userErrors { code message } }
}`;

describeInBrowser('dashboard editing and live updates (Chromium)', () => {
  const suite = useTestServer({ database: 'seeded', apiKeys: { editor: 'EDITOR', viewer: 'VIEWER', admin: 'ADMIN' } });
  const { browser } = useBrowser();
  const pages: Page[] = [];

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
    // The next test counts its own pages' subscriptions.
    await waitForSubscriptions((open) => open === 0);
  });

  const newPage = async (from: Browser = browser()) => {
    const page = await from.newPage({ viewport: { width: 1000, height: 900 } });
    pages.push(page);
    return page;
  };
  const open = async (page: Page, path: string) => {
    await page.goto(suite.server.baseUrl + path);
    await dataShown(page);
  };
  /** Subscriptions open on the server, from its metrics: a page hears of changes only once its own is running. */
  const subscriptionsOpen = async () => {
    const metrics = await (await fetch(`${suite.server.baseUrl}/metrics`)).text();
    return Number(/^graphql_subscriptions_open (\d+)/m.exec(metrics)?.[1] ?? 0);
  };
  const waitForSubscriptions = async (done: (open: number) => boolean) => {
    for (let tries = 0; !done(await subscriptionsOpen()); tries++) {
      if (tries > 150) throw new Error(`the server has ${await subscriptionsOpen()} subscriptions open, not the number expected`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const signIn = async (page: Page, plaintext: string) => {
    await page.click('details.sign-in summary');
    await page.fill('input[name=credential]', plaintext);
    await page.click('form.sign-in button[type=submit]');
    await page.locator('form[name=status-change]').waitFor();
  };
  /** Announced commitments of a partnership, as the API lists them. */
  const announced = async () => {
    const { commitments } = (await suite.server.graphql('{ commitments(first: 10, filter: { status: [ANNOUNCED] }) { nodes { id slug title version partnership { slug } } } }')).body.data!;
    expect(commitments.nodes.length).toBeGreaterThan(3);
    return commitments.nodes as { id: string; slug: string; title: string; version: number; partnership: { slug: string } }[];
  };
  const statusOf = async (slug: string) => (await suite.server.graphql('query ($slug: String!) { commitment(slug: $slug) { status version } }', { slug })).body.data!.commitment;

  test('an editor records a status change; a second open page shows it without a reload', async () => {
    const [target] = await announced();
    const watcher = await newPage();
    await open(watcher, `/partnerships/${target.partnership.slug}`);
    const editor = await newPage();
    await open(editor, `/commitments/${target.slug}`);
    await waitForSubscriptions((open) => open === 2);
    const watcherRequests = countGraphQLRequests(watcher);

    await signIn(editor, suite.keys.editor.plaintext);
    await editor.selectOption('select[name=status]', 'IN_PROGRESS');
    await editor.fill('textarea[name=rationale]', 'Talks formally launched.');
    const loads = await loadsDrawn(watcher);
    await editor.click('form[name=status-change] button[type=submit]');
    await editor.locator('.msg-ok').waitFor();
    await expect(editor.locator('.msg-ok').textContent()).resolves.toBe('Recorded: the commitment is now In progress.');
    await expect(statusOf(target.slug)).resolves.toEqual({ status: 'IN_PROGRESS', version: target.version + 1 });
    await editor.locator('.status-line .badge', { hasText: 'In progress' }).waitFor();
    await expect(editor.locator('#history .rationale').first().textContent()).resolves.toBe('Talks formally launched.');

    // The other page: its table (newest change first) shows the new status, and it never reloaded.
    await dataShown(watcher, loads);
    const row = watcher.locator('#commitment-table tbody tr', { has: watcher.locator(`a[href="/commitments/${target.slug}"]`) });
    await expect(row.locator('.badge').textContent()).resolves.toBe('In progress');
    await expect(watcher.locator('#live').textContent()).resolves.toContain(target.title);
    expect(watcherRequests.count()).toBe(1);
    expect(await watcher.evaluate<string>('performance.getEntriesByType("navigation").length')).toBe(1);
  });

  test('when someone else changes the commitment first, the editor is told so and nothing of theirs is written', async () => {
    const [, target] = await announced();
    const editor = await newPage();
    await open(editor, `/commitments/${target.slug}`);
    await waitForSubscriptions((open) => open === 1);
    await signIn(editor, suite.keys.editor.plaintext);
    await editor.selectOption('select[name=status]', 'STALLED');
    await editor.fill('textarea[name=rationale]', 'Nothing has happened.');
    await editor.fill('input[name=evidenceUrl]', 'https://example.org/nothing');
    await editor.fill('input[name=evidenceTitle]', 'No news');
    await editor.fill('input[name=evidencePublishedOn]', new Date().toISOString().slice(0, 10));

    // Meanwhile, another editor records a change through the API; the open page hears of it.
    const loads = await loadsDrawn(editor);
    const other = await suite.server.graphql(
      UPDATE_STATUS,
      { input: { commitmentId: target.id, status: 'IN_PROGRESS', effectiveOn: new Date().toISOString().slice(0, 10), rationale: 'Work began.', expectedVersion: target.version } },
      { authorization: suite.keys.editor.authorization },
    );
    expect(other.body.data!.updateCommitmentStatus.userErrors).toEqual([]);
    await dataShown(editor, loads);
    await expect(editor.locator('#editor-message').textContent()).resolves.toContain('changed while you were editing: it is now In progress');
    // What the editor typed is still there.
    await expect(editor.locator('textarea[name=rationale]').inputValue()).resolves.toBe('Nothing has happened.');

    await editor.click('form[name=status-change] button[type=submit]');
    const alert = editor.locator('#editor-message [role=alert]');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain(`Someone else changed this commitment first: it is now In progress (version ${target.version + 1}). Your change was not recorded`);
    await expect(statusOf(target.slug)).resolves.toEqual({ status: 'IN_PROGRESS', version: target.version + 1 });
  });

  test('a reader and a viewer’s key see no edit controls, and a write without a key is refused by the API', async () => {
    const [, , target] = await announced();
    const reader = await newPage();
    await open(reader, `/commitments/${target.slug}`);
    await expect(reader.locator('form[name=status-change]').count()).resolves.toBe(0);
    await expect(reader.locator('details.sign-in summary').textContent()).resolves.toBe('Editors: sign in to record a change');

    // Without a key the API refuses the write the form would send.
    const refused = await reader.evaluate<{ code: string; message: string }>(`fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ${JSON.stringify(UPDATE_STATUS)}, variables: { input: { commitmentId: ${JSON.stringify(target.id)}, status: 'IN_PROGRESS', effectiveOn: '2025-01-01', rationale: 'x' } } }) })
      .then((response) => response.json()).then((body) => ({ code: body.errors[0].extensions.code, message: body.errors[0].message }))`);
    expect(refused.code).toBe('UNAUTHENTICATED');

    // A viewer's key: the page asks the API for its role and offers no form, saying why.
    await reader.click('details.sign-in summary');
    await reader.fill('input[name=credential]', suite.keys.viewer.plaintext);
    await reader.click('form.sign-in button[type=submit]');
    const note = reader.locator('#editor-message [role=status]', { hasText: 'VIEWER' });
    await note.waitFor();
    await expect(note.textContent()).resolves.toBe('This key or token has the VIEWER role: it may read, not record changes. Editors and admins may.');
    await expect(reader.locator('form[name=status-change]').count()).resolves.toBe(0);
    await expect(statusOf(target.slug)).resolves.toEqual({ status: 'ANNOUNCED', version: target.version });
  });

  test('markup in a commitment and its quoted document shows as text and never runs', async () => {
    const hostile = '<script>window.__injected = 1</script><img src=x onerror="window.__injected = 2">';
    const { pillars } = (await suite.server.graphql('{ pillars { id } }')).body.data!;
    const admin = { authorization: suite.keys.admin.authorization };
    const created = await suite.server.graphql(
      'mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id slug } userErrors { message } } }',
      { input: { pillarId: pillars[0].id, slug: 'hostile-markup', title: `Open a ${hostile} office`, announcedOn: '2024-01-02' } },
      admin,
    );
    expect(created.body.data!.createCommitment.userErrors).toEqual([]);
    const commitment = created.body.data!.createCommitment.commitment;
    const quote = `We will open a ${hostile} office.`;
    const document = await suite.server.graphql(
      'mutation ($input: CreateSourceDocumentInput!) { createSourceDocument(input: $input) { sourceDocument { slug } provenance { databaseId } userErrors { message } } }',
      {
        input: {
          slug: 'hostile-document', title: `Statement ${hostile}`, kind: 'JOINT_STATEMENT', language: 'en', publisher: 'Test', publishedOn: '2024-01-02',
          publishedPrecision: 'DAY', publishedBasis: 'STATED', text: `Preamble.\n${quote}\nEnd.`, provenance: [{ commitmentId: commitment.id, quote, role: 'ORIGIN' }],
        },
      },
      admin,
    );
    expect(document.body.data!.createSourceDocument.userErrors).toEqual([]);

    const page = await newPage();
    const requests = countGraphQLRequests(page);
    await open(page, '/commitments/hostile-markup');
    await expect(page.locator('h1').textContent()).resolves.toBe(`Open a ${hostile} office`);
    await expect(page.locator('#quotes blockquote').textContent()).resolves.toBe(quote);
    await page.click('#quotes a');
    await page.waitForURL('**/documents/hostile-document#mention-*');
    await dataShown(page);
    await expect(page.locator('h1').textContent()).resolves.toBe(`Statement ${hostile}`);
    await expect(page.locator('#document-text').textContent()).resolves.toBe(`Preamble.\n${quote}\nEnd.`);
    await expect(page.locator('mark.current').textContent()).resolves.toBe(quote);
    await expect(page.locator('main script, main img').count()).resolves.toBe(0);
    await expect(page.evaluate('window.__injected')).resolves.toBeUndefined();
    expect(requests.count()).toBe(2);
  });
});
