// What every page shares: loading its data into <main>, the message and retry when the API fails, not found.
import { credential, explain, ApiError } from './api';
import { h, replaceChildren } from './dom';

let loads = 0;

/** The first time a page shows its data is marked for the Performance API; every load is counted (the tests wait on it). */
function markDataComplete() {
  if (loads++ === 0) performance.mark('data-complete');
  document.body.dataset.loads = String(loads);
  document.body.dataset.state = 'ready';
}

export function notFound(main: HTMLElement, what: string) {
  document.title = 'Not found · Commitment tracker';
  replaceChildren(main, h('h1', {}, 'Not found'), h('p', {}, `There is no ${what} at this address.`), h('p', {}, h('a', { href: '/' }, 'See every partnership')));
}

function errorPanel(error: unknown, retry: () => void): HTMLElement {
  const retryButton = h('button', { type: 'button', onclick: retry }, 'Retry');
  const panel = h(
    'div',
    { class: 'error', role: 'alert' },
    h('h1', {}, 'The data could not be loaded'),
    h('p', {}, explain(error)),
    h('p', {}, retryButton),
  );
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED' && credential.get()) {
    panel.append(h('p', {}, h('button', { type: 'button', onclick: () => (credential.clear(), retry()) }, 'Forget the key and retry')));
  }
  queueMicrotask(() => retryButton.focus());
  return panel;
}

/**
 * Runs `render` (which makes the page's one request and draws it into `main`); on failure, shows why with a
 * Retry button. The previous content stays until the new one is ready, so nothing flashes.
 */
export async function load(main: HTMLElement, render: () => Promise<void>): Promise<void> {
  document.body.dataset.state = document.body.dataset.state === 'ready' ? 'ready' : 'loading';
  try {
    await render();
    markDataComplete();
  } catch (error) {
    document.body.dataset.state = 'error';
    replaceChildren(main, errorPanel(error, () => void load(main, render)));
  }
}

export function statusBadge(status: string, label: string): HTMLElement {
  return h('span', { class: `badge s-${status}` }, label);
}
