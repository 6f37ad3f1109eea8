// Ingesting a document: the text stored verbatim, the extractor run over it with what the partnership
// already tracks, and its proposals stored as candidates for review; one transaction, so that a failure at
// any step leaves nothing behind.
import { localDateToDate } from '../common/dates';
import { ConflictError, NotFoundError } from '../common/errors';
import { DateBasis, DatePrecision, DocumentKind, type CommitmentStatus } from '../generated/prisma/enums';
import { lockDocumentHash } from '../db/commitment-candidate.sql';
import type { CommitmentCandidateRow } from '../db/tables/commitment-candidate';
import type { SourceDocumentRow } from '../db/tables/source-document';
import { partyNames } from '../extraction/extraction.parties';
import type { CommitmentCandidateProposal, ExtractionContext } from '../extraction/extraction.types';
import { extractCandidates } from '../extraction/extractor';
import type { Transaction, WriteUnit } from '../idempotency/write-unit';
import { documentSha256 } from '../source-document/document-hash';
import { storeDocument } from '../source-document/source-document-write.service';
import type { IngestDocumentCommand } from './candidate.commands';
import { checkLabels, checkPublishedOn, checkText, checkTitle, codePointOffsets, slugOf } from './ingestion.rules';

export interface IngestResult {
  document: SourceDocumentRow;
  candidates: CommitmentCandidateRow[];
}

/** Where an ingest is; the command line prints each step. */
export type IngestStep = { step: 'stored'; document: SourceDocumentRow } | { step: 'extracted'; candidates: number };

const TITLE_MAX = 300;
const UNKNOWN_PUBLISHER = 'Unknown publisher';

export class IngestionService {
  constructor(private readonly writes: WriteUnit) {}

  async ingest(command: IngestDocumentCommand, progress: (step: IngestStep) => void = () => {}): Promise<IngestResult> {
    const title = checkTitle(command.title);
    const publishedOn = checkPublishedOn(command.publishedOn);
    checkLabels(command.publisher, command.sourceUrl);
    const text = checkText(command.text);
    const sha256 = documentSha256(text);
    return this.writes.transaction({ operation: 'ingestDocument' }, async (tx) => {
      await lockDocumentHash(tx, sha256);
      const existing = await tx.sourceDocument.findFirst({ where: { sha256 }, select: { id: true, slug: true, title: true }, orderBy: { id: 'asc' } });
      if (existing) {
        throw new ConflictError(`This text is stored already, as source document "${existing.slug}" (${existing.title}); it is not ingested twice`, ['input', 'text'], {
          documentId: existing.id,
        });
      }
      const partnershipId = command.partnership?.id ?? null;
      const context = await readContext(tx, partnershipId, publishedOn);
      if (command.partnership && !context) throw new NotFoundError(`Partnership ${command.partnership.globalId}`, ['input', 'partnershipId']);
      const document = await storeDocument(tx, {
        slug: `${slugOf(title, 100)}-${sha256.slice(0, 8)}`,
        title,
        publisher: command.publisher?.trim() || publisherOf(command.sourceUrl) || UNKNOWN_PUBLISHER,
        kind: command.kind ?? DocumentKind.OTHER,
        publishedOn: localDateToDate(publishedOn),
        publishedPrecision: DatePrecision.DAY,
        publishedBasis: DateBasis.STATED,
        publishedReasoning: null,
        url: command.sourceUrl ?? null,
        language: 'en',
        text,
      });
      progress({ step: 'stored', document });
      const proposals = extractCandidates(text, context ?? emptyContext(publishedOn));
      progress({ step: 'extracted', candidates: proposals.length });
      const candidates = await tx.commitmentCandidate.createManyAndReturn({ data: proposals.map(candidateData(text, document.id, partnershipId)) });
      return { document, candidates: candidates.sort((a, b) => a.id - b.id) };
    });
  }
}

function publisherOf(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

function emptyContext(publishedOn: string): ExtractionContext {
  return { publishedOn, parties: [], actors: [], pillars: [], existing: [] };
}

/**
 * What the extractor knows of a partnership: its parties by every name, the actors, its pillars with the
 * titles of their commitments (pillar suggestion) and its commitments with their quotes (restates). Without
 * a partnership, every commitment is one the document may restate. Four statements, whatever the sizes.
 */
async function readContext(tx: Transaction, partnershipId: number | null, publishedOn: string): Promise<ExtractionContext | undefined> {
  const partnership =
    partnershipId === null
      ? null
      : await tx.partnership.findUnique({ where: { id: partnershipId }, select: { id: true, parties: { select: { country: { select: { code: true, name: true } } } } } });
  if (partnershipId !== null && !partnership) return undefined;
  const [actors, pillars, commitments] = await Promise.all([
    tx.actor.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } }),
    partnership ? tx.pillar.findMany({ where: { partnershipId: partnership.id }, select: { id: true, name: true, description: true }, orderBy: { position: 'asc' } }) : [],
    tx.commitment.findMany({
      where: { archivedAt: null, ...(partnership ? { partnershipId: partnership.id } : {}) },
      select: { id: true, title: true, pillarId: true, provenance: { select: { quote: true } } },
      orderBy: { id: 'asc' },
    }),
  ]);
  return {
    publishedOn,
    parties: (partnership?.parties ?? []).map(({ country }) => ({ code: country.code, names: partyNames(country.code, country.name) })),
    actors: actors.map((actor) => ({ id: actor.id, name: actor.name, aliases: [] })),
    pillars: pillars.map((pillar) => ({
      id: pillar.id,
      name: [pillar.name, pillar.description ?? ''].join(' '),
      texts: commitments.filter((commitment) => commitment.pillarId === pillar.id).map((commitment) => commitment.title),
    })),
    existing: commitments.map((commitment) => ({ id: commitment.id, text: commitment.title, quotes: commitment.provenance.map((mention) => mention.quote) })),
  };
}

function candidateData(text: string, sourceDocumentId: number, partnershipId: number | null) {
  const toCodePoints = codePointOffsets(text);
  return (proposal: CommitmentCandidateProposal) => ({
    sourceDocumentId,
    partnershipId,
    quote: proposal.quote,
    startOffset: toCodePoints(proposal.start),
    endOffset: toCodePoints(proposal.end),
    title: proposal.summary.slice(0, TITLE_MAX),
    actors: proposal.actors.map(({ name, actorId, role }) => ({ name, actorId, role })),
    deadline: proposal.deadline ? localDateToDate(proposal.deadline.date) : null,
    deadlinePrecision: proposal.deadline?.precision ?? null,
    deadlineText: proposal.deadline?.text ?? null,
    amounts: proposal.amounts.map(({ value, currency, text: written }) => ({ value, currency, text: written })),
    proposedStatus: proposal.status as CommitmentStatus,
    negated: proposal.negated,
    suggestedPillarId: proposal.pillarId,
    confidence: proposal.confidence,
    restatesId: proposal.restates?.commitmentId ?? null,
    restatesSimilarity: proposal.restates?.similarity ?? null,
  });
}
