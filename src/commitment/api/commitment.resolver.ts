import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { CommitmentActor } from '../../actor/api/commitment-actor.type';
import type { GraphQLContext } from '../../graphql/context';
import { LocalDateScalar } from '../../graphql/scalars';
import { Partnership } from '../../partnership/api/partnership.type';
import { Pillar } from '../../pillar/api/pillar.type';
import { Provenance } from '../../source-document/api/provenance.type';
import { ConnectionArgs, type ConnectionShape, toConnection } from '../../relay/api/connection';
import { mapPage, pageRequest } from '../../common/page';
import { slugOrId } from '../../relay/global-id';
import { EvidenceConnection } from '../../status-history/api/evidence-connection.type';
import type { Evidence } from '../../status-history/api/evidence.type';
import { StatusChangeConnection } from '../../status-history/api/status-change-connection.type';
import type { StatusChange } from '../../status-history/api/status-change.type';
import { CommitmentAmount } from './commitment-amount.type';
import { CommitmentConnection } from './commitment-connection.type';
import { CommitmentConnectionArgs } from './commitment.input';
import { toCommitment } from './commitment.mapper';
import { Commitment } from './commitment.type';

@Resolver(() => Commitment)
export class CommitmentResolver {
  @Query(() => CommitmentConnection, {
    description: 'Commitments across all partnerships, filtered and sorted, a page at a time. Archived ones are left out unless the filter includes them.',
  })
  async commitments(
    @Ctx() { services }: GraphQLContext,
    @Args() args: CommitmentConnectionArgs,
    @Arg('asOf', () => LocalDateScalar, {
      nullable: true,
      description:
        'The commitments as they stood at the end of this day: each one\'s `status` and `statusSince` are those of then (as statusAsOf gives them), ' +
        'the filter (status, overdue, staleness) and the order (STATUS, STATUS_SINCE) use them, and commitments announced later are left out. ' +
        'Every other field is as it is now (title, deadline, lastAssessedAt, version). Now by default.',
    })
    asOf?: string | null,
  ): Promise<ConnectionShape<Commitment>> {
    return toConnection(mapPage(await services.commitments.page({ ...args.toPageQuery(), asOf }), toCommitment));
  }

  @Query(() => Commitment, { nullable: true, description: 'One commitment, archived or not, by slug or by ID (give exactly one); null when there is none.' })
  async commitment(
    @Ctx() { services, loaders }: GraphQLContext,
    @Arg('slug', () => String, { nullable: true, description: 'The commitment\'s slug, e.g. "vn-sg-transnational-crime-agreement".' }) slug?: string | null,
    @Arg('id', () => ID, { nullable: true, description: 'The commitment\'s global ID.' }) id?: string | null,
  ): Promise<Commitment | undefined> {
    const key = slugOrId(slug, id, 'Commitment');
    if (!('slug' in key)) return loaders.commitment.load(key.id);
    const row = await services.commitments.findBySlug(key.slug);
    return row && toCommitment(row);
  }

  @FieldResolver(() => Partnership, { description: 'The partnership the commitment was made in.' })
  async partnership(@Root() commitment: Commitment, @Ctx() { loaders }: GraphQLContext): Promise<Partnership> {
    return (await loaders.partnership.load(commitment.partnershipId))!;
  }

  @FieldResolver(() => Pillar, { description: 'The pillar of the partnership the commitment falls under (see pillarBasis).' })
  async pillar(@Root() commitment: Commitment, @Ctx() { loaders }: GraphQLContext): Promise<Pillar> {
    return (await loaders.pillar.load(commitment.pillarId))!;
  }

  @FieldResolver(() => [CommitmentActor], { description: 'Who owns and takes part in the commitment, with their roles; leads first.' })
  actors(@Root() commitment: Commitment, @Ctx() { loaders }: GraphQLContext): Promise<CommitmentActor[]> {
    return loaders.actorsOfCommitment.load(commitment.id);
  }

  @FieldResolver(() => [Provenance], {
    description: 'The source documents that mention the commitment, each with its verbatim quote: the announcing document first, then later mentions and evidence.',
  })
  provenance(@Root() commitment: Commitment, @Ctx() { loaders }: GraphQLContext): Promise<Provenance[]> {
    return loaders.provenanceOfCommitment.load(commitment.id);
  }

  @FieldResolver(() => StatusChangeConnection, {
    description: 'Every change of the commitment\'s status, newest first (by effective date, then by the order they were recorded in), a page at a time.',
  })
  async statusHistory(@Root() commitment: Commitment, @Ctx() { loaders }: GraphQLContext, @Args() args: ConnectionArgs): Promise<ConnectionShape<StatusChange>> {
    return toConnection(await loaders.statusHistoryOfCommitment.load({ args: pageRequest(args), id: commitment.id }));
  }

  @FieldResolver(() => EvidenceConnection, {
    description: 'The evidence attached to the commitment (attachEvidence), newest attached first (then by ID), a page at a time.',
  })
  async evidence(@Root() commitment: Commitment, @Ctx() { loaders }: GraphQLContext, @Args() args: ConnectionArgs): Promise<ConnectionShape<Evidence>> {
    return toConnection(await loaders.evidenceOfCommitment.load({ args: pageRequest(args), id: commitment.id }));
  }

  @FieldResolver(() => [CommitmentAmount], { description: 'The sums of money the commitment names, as the source writes them and as exact values.' })
  amounts(@Root() commitment: Commitment, @Ctx() { loaders }: GraphQLContext): Promise<CommitmentAmount[]> {
    return loaders.amountsOfCommitment.load(commitment.id);
  }
}
