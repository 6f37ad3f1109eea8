// An exported commitment as a client reads it: global IDs and field names as the GraphQL API gives them
// (JSON), and the same flattened into one row of text cells (CSV).
import { toLocalDate } from '../../common/dates';
import type { CommitmentExportRow, ExportedStatusChange } from '../../db/commitment-export.sql';
import { toGlobalId } from '../../relay/global-id';

export interface CommitmentExportRecord {
  id: string;
  slug: string;
  title: string;
  description: string | null;
  status: string;
  statusSince: string;
  announcedOn: string;
  deadline: { date: string; precision: string } | null;
  tags: string[];
  partnership: { id: string; name: string };
  pillar: { id: string; name: string };
  quotes: { quote: string; role: string; document: { id: string; title: string; url: string | null; publishedOn: string } }[];
  actors: { id: string; name: string; kind: string; country: string | null; role: string }[];
  amounts: { value: string; currency: string; originalText: string }[];
  lastAssessedAt: string | null;
  lastStatusChange: ExportedStatusChange | null;
  archivedAt: string | null;
}

export function toExportRecord(row: CommitmentExportRow): CommitmentExportRecord {
  return {
    id: toGlobalId('Commitment', row.id),
    slug: row.slug,
    title: row.title,
    description: row.description,
    status: row.status,
    statusSince: toLocalDate(row.statusSince),
    announcedOn: toLocalDate(row.announcedOn),
    deadline: row.deadline && row.deadlinePrecision ? { date: toLocalDate(row.deadline), precision: row.deadlinePrecision } : null,
    tags: row.tags,
    partnership: { id: toGlobalId('Partnership', row.partnershipId), name: row.partnershipName },
    pillar: { id: toGlobalId('Pillar', row.pillarId), name: row.pillarName },
    quotes: row.quotes.map((quote) => ({
      quote: quote.quote,
      role: quote.role,
      document: { id: toGlobalId('SourceDocument', quote.documentId), title: quote.documentTitle, url: quote.documentUrl, publishedOn: quote.documentPublishedOn },
    })),
    actors: row.actors.map((actor) => ({ id: toGlobalId('Actor', actor.actorId), name: actor.name, kind: actor.kind, country: actor.countryCode, role: actor.role })),
    amounts: row.amounts,
    lastAssessedAt: row.lastAssessedAt?.toISOString() ?? null,
    lastStatusChange: row.lastStatusChange,
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}

/**
 * The CSV columns, in order, each a function of the record. Lists go in one cell: short ones separated by
 * "; ", quotes (which may hold any text) one per paragraph, each followed by its document on a line starting
 * "— ". The JSON export keeps every list structured.
 */
export const CSV_COLUMNS: [string, (record: CommitmentExportRecord) => string | null][] = [
  ['id', (r) => r.id],
  ['slug', (r) => r.slug],
  ['title', (r) => r.title],
  ['description', (r) => r.description],
  ['status', (r) => r.status],
  ['status_since', (r) => r.statusSince],
  ['announced_on', (r) => r.announcedOn],
  ['deadline', (r) => r.deadline?.date ?? null],
  ['deadline_precision', (r) => r.deadline?.precision ?? null],
  ['partnership_id', (r) => r.partnership.id],
  ['partnership', (r) => r.partnership.name],
  ['pillar_id', (r) => r.pillar.id],
  ['pillar', (r) => r.pillar.name],
  ['tags', (r) => r.tags.join('; ')],
  ['actors', (r) => r.actors.map((actor) => `${actor.name} (${actor.role})`).join('; ')],
  ['amounts', (r) => r.amounts.map((amount) => `${amount.value} ${amount.currency}`).join('; ')],
  ['quotes', (r) => r.quotes.map((quote) => `${quote.quote}\n— ${quote.document.title}${quote.document.url ? ` <${quote.document.url}>` : ''}`).join('\n\n')],
  ['last_assessed_at', (r) => r.lastAssessedAt],
  ['last_status_change_on', (r) => r.lastStatusChange?.effectiveOn ?? null],
  ['last_status_change_to', (r) => r.lastStatusChange?.toStatus ?? null],
  ['last_status_change_rationale', (r) => r.lastStatusChange?.rationale ?? null],
  ['archived_at', (r) => r.archivedAt],
];

export const toCsvRow = (record: CommitmentExportRecord): (string | null)[] => CSV_COLUMNS.map(([, cell]) => cell(record));
