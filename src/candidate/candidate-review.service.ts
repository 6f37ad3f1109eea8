// The review of candidates: each decision locks the candidate's row, refuses a candidate decided already,
// writes what the decision means (a new commitment, or a new provenance of an existing one) and records who
// decided and when, in one transaction. Two decisions on one candidate queue on its row: the second finds
// the first's and is refused, so only one of them ever takes effect.
import { authorOf, principalOf, type AuthenticatedViewer } from '../auth/viewer';
import { toLocalDate } from '../common/dates';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import type { CommitmentWriteService } from '../commitment/commitment-write.service';
import type { ActorCommand, AmountCommand } from '../commitment/commitment.commands';
import { lockCandidateRow } from '../db/commitment-candidate.sql';
import type { CommitmentRow } from '../db/tables/commitment';
import type { CommitmentCandidateRow } from '../db/tables/commitment-candidate';
import type { ProvenanceRow } from '../db/tables/provenance';
import { ActorRole, CandidateState, CommitmentStatus, MentionRole, PillarBasis } from '../generated/prisma/enums';
import type { Transaction, WriteUnit } from '../idempotency/write-unit';
import { linkQuote } from '../source-document/source-document-write.service';
import type { AcceptCandidateCommand, MergeCandidateCommand, RejectCandidateCommand } from './candidate.commands';
import { slugOf } from './ingestion.rules';

export interface DecisionResult {
  candidate: CommitmentCandidateRow;
  commitment?: CommitmentRow;
  provenance?: ProvenanceRow;
}

const ID = ['input', 'id'];

/** The proposal's actors as stored (ingestion.service.ts). */
interface StoredActor {
  name: string;
  actorId: number | null;
  role: 'LEAD' | 'SUPPORTING' | 'PARTY';
}

interface StoredAmount {
  value: number;
  currency: string;
  text: string;
}

export class CandidateReviewService {
  constructor(
    private readonly writes: WriteUnit,
    private readonly commitmentWrites: CommitmentWriteService,
  ) {}

  /** Creates the commitment the candidate proposes (edited), with its first history entry and the quote as its ORIGIN. */
  accept(viewer: AuthenticatedViewer, command: AcceptCandidateCommand): Promise<DecisionResult> {
    const { edits } = command;
    return this.decide(viewer, 'acceptCandidate', command, async (tx, candidate) => {
      const pillarId = edits.pillar?.id ?? candidate.suggestedPillarId;
      if (pillarId == null) {
        throw new InvalidInputError('edits.pillarId is required: the extractor suggested no pillar for this candidate', ['input', 'edits', 'pillarId']);
      }
      const pillar = await tx.pillar.findUnique({ where: { id: pillarId }, select: { id: true, partnershipId: true } });
      if (!pillar) throw new NotFoundError(`Pillar ${edits.pillar?.globalId ?? pillarId}`, ['input', 'edits', 'pillarId']);
      if (candidate.partnershipId !== null && pillar.partnershipId !== candidate.partnershipId) {
        throw new InvalidInputError('edits.pillarId names a pillar of another partnership than the one the document was ingested for', ['input', 'edits', 'pillarId']);
      }
      const document = await tx.sourceDocument.findUniqueOrThrow({ where: { id: candidate.sourceDocumentId }, select: { publishedOn: true, title: true } });
      const title = edits.title?.trim() || candidate.title;
      const deadline =
        edits.deadline !== undefined
          ? edits.deadline
          : candidate.deadline && candidate.deadlinePrecision && { date: toLocalDate(candidate.deadline), precision: candidate.deadlinePrecision };
      const { commitment } = await this.commitmentWrites.createIn(tx, viewer, {
        pillar: { id: pillar.id, globalId: edits.pillar?.globalId ?? String(pillar.id) },
        slug: edits.slug ?? `${slugOf(title, 140)}-c${candidate.id}`,
        title,
        description: edits.description,
        announcedOn: edits.announcedOn ?? toLocalDate(document.publishedOn),
        status: edits.status ?? candidate.proposedStatus,
        rationale: `Accepted from the candidate proposed in "${document.title}".`,
        // The text does not file it under a pillar: the extractor or the editor does.
        pillarBasis: PillarBasis.ASSIGNED,
        actors: edits.actors ?? proposedActors(candidate),
        deadline: deadline || null,
        tags: edits.tags,
        amounts: proposedAmounts(candidate),
      });
      const provenance = await linkQuote(tx, { ...quoteOf(candidate), commitmentId: commitment.id, role: MentionRole.ORIGIN, reportedStatus: null }, ID);
      return { state: CandidateState.ACCEPTED, commitment, provenance };
    });
  }

  /** Records that the candidate is no commitment, and why. */
  reject(viewer: AuthenticatedViewer, command: RejectCandidateCommand): Promise<DecisionResult> {
    const reason = command.reason.trim();
    if (!reason) throw new InvalidInputError('reason is required: say why the candidate is not a commitment', ['input', 'reason']);
    return this.decide(viewer, 'rejectCandidate', command, async () => ({ state: CandidateState.REJECTED, rejectionReason: reason }));
  }

  /**
   * Adds the quote as a later mention of an existing commitment (by default the one the extractor found the
   * candidate restates), reporting the status the text gives when it gives one beyond an announcement.
   */
  merge(viewer: AuthenticatedViewer, command: MergeCandidateCommand): Promise<DecisionResult> {
    return this.decide(viewer, 'mergeCandidate', command, async (tx, candidate) => {
      const commitmentId = command.commitment?.id ?? candidate.restatesId;
      if (commitmentId == null) {
        throw new InvalidInputError('commitmentId is required: the extractor found no commitment this candidate restates', ['input', 'commitmentId']);
      }
      const target = await tx.commitment.findUnique({ where: { id: commitmentId }, select: { id: true, archivedAt: true } });
      if (!target) throw new NotFoundError(`Commitment ${command.commitment?.globalId ?? commitmentId}`, ['input', 'commitmentId']);
      if (target.archivedAt) throw new InvalidInputError('The commitment is archived; archived commitments are not changed', ['input', 'commitmentId']);
      const reportedStatus = candidate.proposedStatus === CommitmentStatus.ANNOUNCED ? null : candidate.proposedStatus;
      const provenance = await linkQuote(tx, { ...quoteOf(candidate), commitmentId: target.id, role: MentionRole.LATER_MENTION, reportedStatus }, ['input', 'commitmentId']);
      const commitment = await tx.commitment.findUniqueOrThrow({ where: { id: target.id } });
      return { state: CandidateState.MERGED, commitment, provenance };
    });
  }

  private decide(
    viewer: AuthenticatedViewer,
    operation: string,
    command: { candidate: { id: number; globalId: string } },
    work: (
      tx: Transaction,
      candidate: CommitmentCandidateRow,
    ) => Promise<{ state: CandidateState; rejectionReason?: string; commitment?: CommitmentRow; provenance?: ProvenanceRow }>,
  ): Promise<DecisionResult> {
    return this.writes.transaction({ principal: principalOf(viewer), operation, input: command }, async (tx) => {
      const current = await lockCandidateRow(tx, command.candidate.id);
      if (!current) throw new NotFoundError(`Commitment candidate ${command.candidate.globalId}`, ID);
      if (current.state !== CandidateState.PENDING) {
        const by = current.decidedByName ?? current.decidedById;
        throw new ConflictError(`The candidate was ${current.state.toLowerCase()} already (by ${by}, at ${current.decidedAt?.toISOString()}); a decision is not changed`, ID);
      }
      const { state, rejectionReason, commitment, provenance } = await work(tx, current);
      const author = authorOf(viewer);
      const candidate = await tx.commitmentCandidate.update({
        where: { id: current.id },
        data: {
          state,
          decidedAt: new Date(),
          decidedByKind: author.authorKind,
          decidedById: author.authorId,
          decidedByName: author.authorName,
          rejectionReason: rejectionReason ?? null,
          commitmentId: commitment?.id ?? null,
          provenanceId: provenance?.id ?? null,
        },
      });
      return { candidate, commitment, provenance };
    });
  }
}

function quoteOf(candidate: CommitmentCandidateRow) {
  return { sourceDocumentId: candidate.sourceDocumentId, quote: candidate.quote, startOffset: candidate.startOffset, endOffset: candidate.endOffset };
}

/** The actors the extractor matched to known ones; a party as a whole, or a body not known yet, is left to the editor. */
function proposedActors(candidate: CommitmentCandidateRow): ActorCommand[] {
  const seen = new Set<number>();
  return (candidate.actors as unknown as StoredActor[]).flatMap((actor, index) => {
    if (actor.actorId === null || actor.role === 'PARTY' || seen.has(actor.actorId)) return [];
    seen.add(actor.actorId);
    const role = actor.role === 'SUPPORTING' ? ActorRole.SUPPORTING : ActorRole.LEAD;
    return [{ actor: { id: actor.actorId, globalId: String(actor.actorId) }, role, field: ['input', 'id', 'actors', String(index)] }];
  });
}

/** Amounts as exact decimal text; one the extractor could not read as a plain positive number is left out. */
function proposedAmounts(candidate: CommitmentCandidateRow): AmountCommand[] {
  return (candidate.amounts as unknown as StoredAmount[]).flatMap((amount) => {
    const value = Number.isFinite(amount.value) && amount.value > 0 ? String(Math.round(amount.value * 100) / 100) : '';
    return /^\d+(\.\d{1,2})?$/.test(value) ? [{ value, currency: amount.currency, originalText: amount.text.slice(0, 200) }] : [];
  });
}
