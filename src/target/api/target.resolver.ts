import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { authenticated } from '../../auth/viewer';
import { toCommitment } from '../../commitment/api/commitment.mapper';
import { Commitment } from '../../commitment/api/commitment.type';
import { mutate } from '../../common/api/payload';
import { Role } from '../../common/enums';
import type { GraphQLContext } from '../../graphql/context';
import { AddTargetInput, RecordTargetReadingInput, UpdateTargetInput } from './target.input';
import { addTargetCommand, recordTargetReadingCommand, toTarget, toTargetReading, updateTargetCommand } from './target.mapper';
import { RecordTargetReadingPayload, TargetPayload } from './target.payload';
import { CommitmentTarget, TargetReading } from './target.type';

/** Inputs are validated by `mutate`, so that a broken bound is a userError rather than a top-level error. */
const INPUT = { validate: false } as const;

@Resolver(() => CommitmentTarget)
export class TargetResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => TargetPayload, { description: 'Adds a measurable target to a commitment: description, unit, baseline, target value and an optional due date. Editors and admins.' })
  addTarget(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => AddTargetInput, { ...INPUT, description: 'The target.' }) input: AddTargetInput,
  ): Promise<TargetPayload> {
    return mutate(TargetPayload, input, async () => {
      const rows = await services.targetWrites.add(authenticated(viewer), addTargetCommand(input));
      return { commitment: toCommitment(rows.commitment), target: toTarget(rows.target) };
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => TargetPayload, { description: 'Corrects a target\'s description, unit (while it has no readings), baseline, target value or due date. Editors and admins.' })
  updateTarget(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => UpdateTargetInput, { ...INPUT, description: 'The corrections.' }) input: UpdateTargetInput,
  ): Promise<TargetPayload> {
    return mutate(TargetPayload, input, async () => {
      const rows = await services.targetWrites.update(authenticated(viewer), updateTargetCommand(input));
      return { commitment: toCommitment(rows.commitment), target: toTarget(rows.target) };
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => RecordTargetReadingPayload, {
    description: 'Records a reading of a target: a numeric value in its unit, observed on a day not in the future, with its source. Append-only. Editors and admins.',
  })
  recordTargetReading(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => RecordTargetReadingInput, { ...INPUT, description: 'The reading.' }) input: RecordTargetReadingInput,
  ): Promise<RecordTargetReadingPayload> {
    return mutate(RecordTargetReadingPayload, input, async () => {
      const rows = await services.targetWrites.recordReading(authenticated(viewer), recordTargetReadingCommand(input));
      return { commitment: toCommitment(rows.commitment), target: toTarget(rows.target), reading: toTargetReading(rows.reading) };
    });
  }

  @FieldResolver(() => [TargetReading], { description: 'Every reading, newest first (by the day observed, then the latest recorded).' })
  readings(@Root() target: CommitmentTarget, @Ctx() { loaders }: GraphQLContext): Promise<TargetReading[]> {
    return loaders.readingsOfTarget.load(target.id);
  }

  @FieldResolver(() => TargetReading, { nullable: true, description: 'The latest reading, the one progress and met are read from; null without one.' })
  async latestReading(@Root() target: CommitmentTarget, @Ctx() { loaders }: GraphQLContext): Promise<TargetReading | null> {
    return (await loaders.readingsOfTarget.load(target.id))[0] ?? null;
  }

  @FieldResolver(() => Commitment, { description: 'The commitment the target belongs to.' })
  async commitment(@Root() target: CommitmentTarget, @Ctx() { loaders }: GraphQLContext): Promise<Commitment> {
    return (await loaders.commitment.load(target.commitmentId))!;
  }
}

@Resolver(() => Commitment)
export class CommitmentTargetsResolver {
  @FieldResolver(() => [CommitmentTarget], {
    description:
      'The commitment\'s measurable targets, in the order they were added, each with its readings and progress. A target met counts the commitment ' +
      'as followed through (StatusCounts.targetsMet); readings appear in its timeline.',
  })
  targets(@Root() commitment: Commitment, @Ctx() { loaders }: GraphQLContext): Promise<CommitmentTarget[]> {
    return loaders.targetsOfCommitment.load(commitment.id);
  }
}

