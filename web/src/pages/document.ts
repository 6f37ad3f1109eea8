import { graphql } from '../api';
import { h, replaceChildren } from '../dom';
import { statusLabel } from '../format';
import { announce, watchCommitments } from '../live';
import { load, notFound } from '../page';

const QUERY = `query Document($slug: String!) {
  sourceDocument(slug: $slug) {
    slug title publisher publishedOn kind url text
    commitments(first: 100) { totalCount nodes { databaseId startOffset endOffset role commitment { id slug title status } } }
  }
}`;

interface Mention {
  databaseId: number;
  startOffset: number;
  endOffset: number;
  role: string;
  commitment: { id: string; slug: string; title: string; status: string };
}

interface DocumentData {
  sourceDocument: { slug: string; title: string; publisher: string; publishedOn: string; kind: string; url: string | null; text: string; commitments: { totalCount: number; nodes: Mention[] } } | null;
}

/**
 * The text with each mention marked and linked to its commitment. Offsets count code points (as the API
 * computes them), not UTF-16 units. Where two quotes overlap, the later one is marked from where the earlier ends.
 */
export function markedText(text: string, mentions: Mention[]): HTMLElement {
  const codePoints = Array.from(text);
  const slice = (start: number, end?: number) => codePoints.slice(start, end).join('');
  const body = h('div', { class: 'document-text', id: 'document-text' });
  const sorted = [...mentions].sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset);
  let at = 0;
  for (const mention of sorted) {
    const start = Math.max(mention.startOffset, at);
    if (mention.endOffset <= start) continue;
    if (start > at) body.append(slice(at, start));
    body.append(
      h(
        'mark',
        { id: `mention-${mention.databaseId}`, class: `s-${mention.commitment.status}`, tabindex: -1 },
        h('a', { href: `/commitments/${encodeURIComponent(mention.commitment.slug)}`, title: `${mention.commitment.title} (${statusLabel(mention.commitment.status)})` }, slice(start, mention.endOffset)),
      ),
    );
    at = mention.endOffset;
  }
  if (at < codePoints.length) body.append(slice(at));
  return body;
}

function focusLinkedMention() {
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (!target) return;
  document.querySelectorAll('mark.current').forEach((mark) => mark.classList.remove('current'));
  target.classList.add('current');
  target.setAttribute('aria-current', 'true');
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'center' });
}

export function documentPage(main: HTMLElement, slug: string) {
  let watched = new Set<string>();
  let watching = false;
  const render = async () => {
    const { sourceDocument: document_ } = await graphql<DocumentData>(QUERY, { slug });
    if (!document_) return notFound(main, 'document');
    document.title = `${document_.title} · Commitment tracker`;
    watched = new Set(document_.commitments.nodes.map((mention) => mention.commitment.id));
    replaceChildren(
      main,
      h('p', { class: 'breadcrumb' }, h('a', { href: '/' }, 'Partnerships')),
      h('h1', {}, document_.title),
      h('p', { class: 'level' }, `${document_.publisher}, ${document_.publishedOn}`, document_.url ? [' · ', h('a', { href: document_.url, rel: 'noopener noreferrer external' }, 'original')] : ''),
      h('p', {}, `${document_.commitments.totalCount} commitments are traced to this document; their quotes are marked and link to them.`),
      h('article', { 'aria-label': 'Document text' }, markedText(document_.text, document_.commitments.nodes)),
    );
    focusLinkedMention();
    if (!watching) {
      watching = true;
      watchCommitments(
        null,
        (changed) => {
          announce(`Updated: “${changed.title}” is now ${statusLabel(changed.status)}.`);
          void load(main, render);
        },
        (changed) => watched.has(changed.id),
      );
    }
  };
  window.addEventListener('hashchange', focusLinkedMention);
  void load(main, render);
}
