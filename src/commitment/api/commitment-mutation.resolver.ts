import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { authenticated } from '../../auth/viewer';
import { Role } from '../../common/enums';
import { mutate } from '../../common/api/payload';
import type { GraphQLContext } from '../../graphql/context';
import { AddProgressNoteInput, ArchiveCommitmentInput, CorrectStatusHistoryInput, AttachEvidenceInput, CreateCommitmentInput, UpdateCommitmentInput, UpdateCommitmentStatusInput } from './commitment-mutation.input';
import { addProgressNoteCommand, archiveCommitmentCommand, correctStatusCommand, attachEvidenceCommand, createCommitmentCommand, updateCommitmentCommand, updateStatusCommand } from './commitment-commands.mapper';
import { toCommitment } from './commitment.mapper';
import type { CommitmentRow } from '../../db/tables/commitment';
import { toEvidence, toProgressNote, toStatusChange } from '../../status-history/api/status-change.mapper';
import { AddProgressNotePayload, AttachEvidencePayload, CorrectStatusHistoryPayload, CommitmentPayload, UpdateCommitmentStatusPayload } from './commitment-mutation.payload';

/** Inputs are validated by `mutate`, so that a broken bound is a userError rather than a top-level error. */
const INPUT = { validate: false } as const;

const commitmentPayload = (rows: { commitment: CommitmentRow }) => ({ commitment: toCommitment(rows.commitment) });

@Resolver()
export class CommitmentMutationResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => UpdateCommitmentStatusPayload, {
    description: 'Records a change of status with its rationale and evidence: sets the status, appends the history entry, bumps the version, in one transaction. Editors and admins.',
  })
  updateCommitmentStatus(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => UpdateCommitmentStatusInput, { ...INPUT, description: 'The change.' }) input: UpdateCommitmentStatusInput,
  ): Promise<UpdateCommitmentStatusPayload> {
    return mutate(UpdateCommitmentStatusPayload, input, async () => {
      const rows = await services.commitmentWrites.updateStatus(authenticated(viewer), updateStatusCommand(input));
      return { commitment: toCommitment(rows.commitment), statusChange: toStatusChange(rows.statusChange) };
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CorrectStatusHistoryPayload, {
    description:
      'Corrects the status history for a status found late: appends an entry marked as a correction (nothing is rewritten), dated back as far as ' +
      'the announcement. The latest by date, it sets the status; earlier, it holds until the next entry (see CorrectStatusHistoryInput). It bumps ' +
      'the version and honours expectedVersion as updateCommitmentStatus does, in one transaction. Editors and admins.',
  })
  correctStatusHistory(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => CorrectStatusHistoryInput, { ...INPUT, description: 'The correction.' }) input: CorrectStatusHistoryInput,
  ): Promise<CorrectStatusHistoryPayload> {
    return mutate(CorrectStatusHistoryPayload, input, async () => {
      const rows = await services.commitmentWrites.correctStatus(authenticated(viewer), correctStatusCommand(input));
      return { commitment: toCommitment(rows.commitment), statusChange: toStatusChange(rows.statusChange) };
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => AddProgressNotePayload, {
    description: 'Records a dated assessment without changing the status; sets lastAssessedAt and bumps the version. Editors and admins.',
  })
  addProgressNote(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => AddProgressNoteInput, { ...INPUT, description: 'The note.' }) input: AddProgressNoteInput,
  ): Promise<AddProgressNotePayload> {
    return mutate(AddProgressNotePayload, input, async () => {
      const rows = await services.commitmentWrites.addProgressNote(authenticated(viewer), addProgressNoteCommand(input));
      return { commitment: toCommitment(rows.commitment), progressNote: toProgressNote(rows.progressNote) };
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => AttachEvidencePayload, { description: 'Attaches evidence to a commitment; changes neither its status nor its version. Editors and admins.' })
  attachEvidence(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => AttachEvidenceInput, { ...INPUT, description: 'The evidence.' }) input: AttachEvidenceInput,
  ): Promise<AttachEvidencePayload> {
    return mutate(AttachEvidencePayload, input, async () => {
      const rows = await services.commitmentWrites.attachEvidence(authenticated(viewer), attachEvidenceCommand(input));
      return { commitment: toCommitment(rows.commitment), evidence: toEvidence(rows.evidence) };
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CommitmentPayload, { description: 'Creates a commitment and its first status history entry. Editors and admins.' })
  createCommitment(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => CreateCommitmentInput, { ...INPUT, description: 'The commitment.' }) input: CreateCommitmentInput,
  ): Promise<CommitmentPayload> {
    return mutate(CommitmentPayload, input, async () => commitmentPayload(await services.commitmentWrites.create(authenticated(viewer), createCommitmentCommand(input))));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CommitmentPayload, { description: 'Changes a commitment\'s title, description, pillar, actors, deadline, tags or amounts (lists are replaced), in one transaction; bumps the version. Editors and admins.' })
  updateCommitment(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => UpdateCommitmentInput, { ...INPUT, description: 'The changes.' }) input: UpdateCommitmentInput,
  ): Promise<CommitmentPayload> {
    return mutate(CommitmentPayload, input, async () => commitmentPayload(await services.commitmentWrites.update(authenticated(viewer), updateCommitmentCommand(input))));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CommitmentPayload, { description: 'Archives a commitment: sets archivedAt and bumps the version; nothing is deleted. Editors and admins.' })
  archiveCommitment(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => ArchiveCommitmentInput, { ...INPUT, description: 'The commitment to archive.' }) input: ArchiveCommitmentInput,
  ): Promise<CommitmentPayload> {
    return mutate(CommitmentPayload, input, async () => commitmentPayload(await services.commitmentWrites.archive(authenticated(viewer), archiveCommitmentCommand(input))));
  }
}
