// The HTML every dashboard page starts from: the frame (header, navigation, main) and the client bundle. It
// carries no data, so nothing in it comes from a document or a request: the client renders the data, as text.
// The placeholders hold the space the data will take, so that nothing jumps when it arrives.

export type ShellPage = 'overview' | 'partnership' | 'commitment' | 'document' | 'not-found';

const TITLES: Record<ShellPage, string> = {
  overview: 'Partnerships',
  partnership: 'Partnership',
  commitment: 'Commitment',
  document: 'Source document',
  'not-found': 'Not found',
};

const NOT_FOUND = `<h1>Not found</h1>
      <p>There is nothing at this address: the partnership, commitment or document may have another name.</p>
      <p><a href="/">See every partnership</a></p>`;

const LOADING = `<p class="loading" role="status">Loading…</p>
      <div class="placeholder" aria-hidden="true"></div>`;

export function renderShell(page: ShellPage): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${TITLES[page]} · Commitment tracker</title>
    <link rel="stylesheet" href="/assets/app.css">
    <script type="module" src="/assets/app.js"></script>
  </head>
  <body data-page="${page}">
    <a class="skip-link" href="#main">Skip to content</a>
    <header class="site-header">
      <a class="brand" href="/">Commitment tracker</a>
      <nav aria-label="Site"><a href="/">Partnerships</a> <a href="/graphql">GraphQL API</a></nav>
      <p class="live" id="live" role="status" aria-live="polite"></p>
    </header>
    <main id="main" tabindex="-1">
      ${page === 'not-found' ? NOT_FOUND : LOADING}
    </main>
  </body>
</html>
`;
}
