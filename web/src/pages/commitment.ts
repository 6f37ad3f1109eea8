import { graphql } from '../api';
import { h, replaceChildren } from '../dom';
import { dateLabel, statusLabel } from '../format';
import { announce, watchCommitments } from '../live';
import { load, notFound, statusBadge } from '../page';
import { editorPanel, type EditableCommitment } from './editor';

const QUERY = `query Commitment($slug: String!) {
  commitment(slug: $slug) {
    id slug title description status statusSince announcedOn version archivedAt tags
    deadline { date precision }
    amounts { originalText value currency }
    actors { role actor { name kind country { name } } }
    partnership { id slug name } pillar { name }
    provenance { databaseId role quote reportedStatus document { slug title publisher publishedOn url } }
    statusHistory(first: 100) {
      totalCount
      nodes { id fromStatus toStatus effectiveOn recordedAt rationale author { kind name } evidence { title url publishedOn document { slug title } } }
    }
  }
}`;

interface Evidence {
  title: string | null;
  url: string | null;
  publishedOn: string | null;
  document: { slug: string; title: string } | null;
}

interface CommitmentData {
  commitment:
    | (EditableCommitment & {
        slug: string;
        description: string | null;
        statusSince: string;
        announcedOn: string;
        archivedAt: string | null;
        tags: string[];
        deadline: { date: string; precision: string } | null;
        amounts: { originalText: string; value: string; currency: string }[];
        actors: { role: string; actor: { name: string; kind: string; country: { name: string } | null } }[];
        partnership: { id: string; slug: string; name: string };
        pillar: { name: string };
        provenance: { databaseId: number; role: string; quote: string; reportedStatus: string | null; document: { slug: string; title: string; publisher: string; publishedOn: string; url: string | null } }[];
        statusHistory: {
          totalCount: number;
          nodes: { id: string; fromStatus: string | null; toStatus: string; effectiveOn: string; recordedAt: string; rationale: string; author: { kind: string; name: string | null }; evidence: Evidence | null }[];
        };
      })
    | null;
}

const ROLE_LABELS: Record<string, string> = { ORIGIN: 'Announced in', LATER_MENTION: 'Mentioned again in', EVIDENCE: 'Evidence in' };

function evidenceLink(evidence: Evidence): HTMLElement {
  const title = evidence.title ?? evidence.document?.title ?? 'Evidence';
  const link = evidence.document
    ? h('a', { href: `/documents/${encodeURIComponent(evidence.document.slug)}` }, title)
    : evidence.url
      ? h('a', { href: evidence.url, rel: 'noopener noreferrer external' }, title)
      : h('span', {}, title);
  return h('p', { class: 'evidence' }, 'Evidence: ', link, evidence.publishedOn ? ` (${evidence.publishedOn})` : '');
}

export function commitmentPage(main: HTMLElement, slug: string) {
  const editorRegion = h('section', { class: 'editor', 'aria-labelledby': 'h-editor' });
  let watching = false;
  let editor: ReturnType<typeof editorPanel> | undefined;
  const body = h('div', { class: 'commitment-body' });

  const render = async () => {
    const { commitment } = await graphql<CommitmentData>(QUERY, { slug });
    if (!commitment) return notFound(main, 'commitment');
    document.title = `${commitment.title} · Commitment tracker`;
    replaceChildren(
      body,
      h('p', { class: 'breadcrumb' }, h('a', { href: `/partnerships/${encodeURIComponent(commitment.partnership.slug)}` }, commitment.partnership.name), ' · ', commitment.pillar.name),
      h('h1', {}, commitment.title),
      h('p', { class: 'status-line' }, statusBadge(commitment.status, statusLabel(commitment.status)), ` since ${commitment.statusSince}`, commitment.archivedAt ? ' · archived' : ''),
      commitment.description ? h('p', { class: 'lede' }, commitment.description) : null,
      h(
        'dl',
        { class: 'facts' },
        h('div', {}, h('dt', {}, 'Announced'), h('dd', {}, commitment.announcedOn)),
        h('div', {}, h('dt', {}, 'Deadline'), h('dd', { 'data-field': 'deadline' }, commitment.deadline ? dateLabel(commitment.deadline.date, commitment.deadline.precision) : 'None stated')),
        h(
          'div',
          {},
          h('dt', {}, 'Amounts'),
          h('dd', { 'data-field': 'amounts' }, commitment.amounts.length ? commitment.amounts.map((amount) => `${amount.originalText} (${amount.currency} ${amount.value})`).join('; ') : 'None stated'),
        ),
        commitment.tags.length ? h('div', {}, h('dt', {}, 'Tags'), h('dd', {}, commitment.tags.join(', '))) : null,
      ),
      h(
        'section',
        { 'aria-labelledby': 'h-actors' },
        h('h2', { id: 'h-actors' }, 'Actors'),
        commitment.actors.length
          ? h('ul', { id: 'actors' }, commitment.actors.map((actor) => h('li', {}, actor.actor.name, ` — ${actor.role.toLowerCase()}`, actor.actor.country ? ` (${actor.actor.country.name})` : '')))
          : h('p', {}, 'No actor recorded.'),
      ),
      h(
        'section',
        { 'aria-labelledby': 'h-sources' },
        h('h2', { id: 'h-sources' }, 'What the sources say'),
        h(
          'ul',
          { class: 'quotes', id: 'quotes' },
          commitment.provenance.map((source) =>
            h(
              'li',
              {},
              h('blockquote', {}, h('p', {}, source.quote)),
              h(
                'p',
                { class: 'source' },
                `${ROLE_LABELS[source.role] ?? source.role} `,
                h('a', { href: `/documents/${encodeURIComponent(source.document.slug)}#mention-${source.databaseId}` }, source.document.title),
                ` — ${source.document.publisher}, ${source.document.publishedOn}`,
              ),
            ),
          ),
        ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'h-history' },
        h('h2', { id: 'h-history' }, 'Status history'),
        h(
          'ol',
          { class: 'history', id: 'history' },
          commitment.statusHistory.nodes.map((change) =>
            h(
              'li',
              {},
              h('p', { class: 'when' }, h('time', { datetime: change.effectiveOn }, change.effectiveOn), ' ', change.fromStatus ? `${statusLabel(change.fromStatus)} → ` : '', statusBadge(change.toStatus, statusLabel(change.toStatus))),
              h('p', { class: 'rationale' }, change.rationale),
              change.evidence ? evidenceLink(change.evidence) : null,
              h('p', { class: 'recorded' }, `Recorded ${change.recordedAt.slice(0, 16).replace('T', ' ')} UTC by ${change.author.name ?? change.author.kind.toLowerCase()}`),
            ),
          ),
        ),
      ),
    );
    if (!editor) {
      editor = editorPanel(editorRegion, () => void load(main, render));
      replaceChildren(main, body, editorRegion);
    } else if (!body.isConnected) {
      replaceChildren(main, body, editorRegion);
    }
    editor.show(commitment);
    if (!watching) {
      watching = true;
      // There is no filter by commitment: the partnership's changes are heard, and this one's kept.
      watchCommitments(
        { partnershipId: commitment.partnership.id },
        (changed) => {
          announce(`Updated: this commitment is now ${statusLabel(changed.status)}.`);
          void load(main, render);
        },
        (changed) => changed.id === commitment.id,
      );
    }
  };
  void load(main, render);
}
