import { requireNotFuture } from '../../common/dates';
import { InvalidInputError } from '../../common/errors';
import type { CommitmentCandidateRow } from '../../db/tables/commitment-candidate';
import { entityRef } from '../../relay/global-id';
import type { AcceptCandidateCommand, IngestDocumentCommand, MergeCandidateCommand, RejectCandidateCommand } from '../candidate.commands';
import type { AcceptCandidateInput, IngestDocumentInput, MergeCandidateInput, RejectCandidateInput } from './commitment-candidate.input';
import { CandidateActor, CommitmentCandidate, type CandidateAmount } from './commitment-candidate.type';

export function toCommitmentCandidate(row: CommitmentCandidateRow): CommitmentCandidate {
  const { actors, amounts, deadline, ...rest } = row;
  const storedActors = (actors as unknown as { name: string; actorId: number | null; role: CandidateActor['role'] }[]).map((actor) =>
    Object.assign(new CandidateActor(), { name: actor.name, actorDatabaseId: actor.actorId, role: actor.role }),
  );
  return Object.assign(new CommitmentCandidate(), rest, { deadlineDate: deadline, storedActors, amounts: amounts as unknown as CandidateAmount[] });
}

const candidateOf = (input: { id: string }) => entityRef(input.id, 'CommitmentCandidate', ['input', 'id']);

export function ingestDocumentCommand(input: IngestDocumentInput): IngestDocumentCommand {
  const partnership = input.partnershipId == null ? null : entityRef(input.partnershipId, 'Partnership', ['input', 'partnershipId']);
  return { ...input, partnership };
}

export function acceptCandidateCommand(input: AcceptCandidateInput): AcceptCandidateCommand {
  const candidate = candidateOf(input);
  const edits = input.edits ?? {};
  const field = (name: string) => ['input', 'edits', name];
  if (edits.announcedOn != null) requireNotFuture(edits.announcedOn, field('announcedOn'));
  const actors = edits.actors?.map((actor, index) => {
    const at = ['input', 'edits', 'actors', String(index), 'actorId'];
    return { actor: entityRef(actor.actorId, 'Actor', at), role: actor.role, field: at };
  });
  if (actors && new Set(actors.map(({ actor }) => actor.id)).size < actors.length) throw new InvalidInputError('An actor is listed twice; give each actor once, with one role', field('actors'));
  return {
    candidate,
    edits: {
      title: edits.title,
      description: edits.description,
      slug: edits.slug,
      pillar: edits.pillarId == null ? null : entityRef(edits.pillarId, 'Pillar', field('pillarId')),
      announcedOn: edits.announcedOn,
      // Left out keeps the extractor's deadline; an explicit null removes it.
      ...(edits.deadline !== undefined ? { deadline: edits.deadline } : {}),
      status: edits.status,
      actors,
      tags: edits.tags,
    },
  };
}

export function rejectCandidateCommand(input: RejectCandidateInput): RejectCandidateCommand {
  return { candidate: candidateOf(input), reason: input.reason };
}

export function mergeCandidateCommand(input: MergeCandidateInput): MergeCandidateCommand {
  return { candidate: candidateOf(input), commitment: input.commitmentId == null ? null : entityRef(input.commitmentId, 'Commitment', ['input', 'commitmentId']) };
}
