// DataLoaders, made fresh for every request (their caches must not leak between callers). Every relation
// field resolves through one of these, so a page of N items costs one query per relation, not N.
import DataLoader from 'dataloader';
import type { Services } from './services';
import { loaderWithArgs } from '../common/batch';
import type { CommitmentFilter, CommitmentPageArgs } from '../commitment/commitment.input';
import type { AsOf } from '../commitment/status-as-of';
import type { PageRequest } from '../common/page';
import { toStatusCounts } from '../stats/api/stats.mapper';

export function createLoaders(services: Services) {
  return {
    partnership: new DataLoader((ids: readonly number[]) => services.partnerships.findByIds(ids)),
    partiesOfPartnership: new DataLoader((ids: readonly number[]) => services.partnerships.partiesOf(ids)),
    milestonesOfPartnership: new DataLoader((ids: readonly number[]) => services.partnerships.milestonesOf(ids)),
    pillar: new DataLoader((ids: readonly number[]) => services.pillars.findByIds(ids)),
    pillarsOfPartnership: new DataLoader((ids: readonly number[]) => services.pillars.ofPartnerships(ids)),
    commitment: new DataLoader((ids: readonly number[]) => services.commitments.findByIds(ids)),
    commitmentsOfPartnership: loaderWithArgs((args: CommitmentPageArgs, ids) => services.commitments.pagesOf('partnership', ids, args)),
    commitmentsOfPillar: loaderWithArgs((args: CommitmentPageArgs, ids) => services.commitments.pagesOf('pillar', ids, args)),
    commitmentsOfActor: loaderWithArgs((args: CommitmentPageArgs, ids) => services.commitments.pagesOf('actor', ids, args)),
    statusCountsOfPartnership: loaderWithArgs(async (filter: CommitmentFilter | null, ids) => (await services.stats.statusCountsOf('partnership', ids, filter)).map(toStatusCounts)),
    statusCountsOfPillar: loaderWithArgs(async (filter: CommitmentFilter | null, ids) => (await services.stats.statusCountsOf('pillar', ids, filter)).map(toStatusCounts)),
    amountsOfCommitment: new DataLoader((ids: readonly number[]) => services.commitments.amountsOf(ids)),
    actor: new DataLoader((ids: readonly number[]) => services.actors.findByIds(ids)),
    actorsOfCommitment: new DataLoader((ids: readonly number[]) => services.actors.ofCommitments(ids)),
    country: new DataLoader((codes: readonly string[]) => services.countries.findByCodes(codes)),
    sourceDocument: new DataLoader((ids: readonly number[]) => services.sourceDocuments.findByIds(ids)),
    sourceDocumentText: new DataLoader((ids: readonly number[]) => services.sourceDocuments.textsOf(ids)),
    provenance: new DataLoader((ids: readonly number[]) => services.provenance.findByIds(ids)),
    provenanceOfCommitment: new DataLoader((ids: readonly number[]) => services.provenance.ofCommitments(ids)),
    mentionsOfDocument: loaderWithArgs((request: PageRequest, ids) => services.provenance.mentionsOf(ids, request)),
    statusChange: new DataLoader((ids: readonly number[]) => services.statusHistory.findByIds(ids)),
    statusHistoryOfCommitment: loaderWithArgs((request: PageRequest, ids) => services.statusHistory.historyOf(ids, request)),
    statusAsOf: loaderWithArgs((asOf: AsOf, ids) => services.timeline.statusesAsOf(ids, asOf)),
    eventsOfCommitment: loaderWithArgs((request: PageRequest, ids) => services.commitmentEvents.pagesOf(ids, request)),
    progressNote: new DataLoader((ids: readonly number[]) => services.commitmentEvents.progressNotesByIds(ids)),
    evidence: new DataLoader((ids: readonly number[]) => services.commitmentEvents.evidenceByIds(ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
