// DataLoaders, made fresh for every request (their caches must not leak between callers). Every relation
// field resolves through one of these, so a page of N items costs one query per relation, not N.
import DataLoader from 'dataloader';
import type { Services } from './services';
import { loaderWithArgs } from '../common/batch';
import { toCommitmentAmount } from '../commitment/api/commitment-amount.type';
import { toCommitment } from '../commitment/api/commitment.type';
import type { CommitmentPageQuery } from '../commitment/commitment.queries';
import type { CommitmentFilterQuery } from '../db/commitment-filter';
import type { AsOf } from '../db/as-of';
import { mapPage, type PageRequest } from '../common/page';
import { toStatusCounts } from '../stats/api/stats.mapper';

export function createLoaders(services: Services) {
  return {
    partnership: new DataLoader((ids: readonly number[]) => services.partnerships.findByIds(ids)),
    partiesOfPartnership: new DataLoader((ids: readonly number[]) => services.partnerships.partiesOf(ids)),
    milestonesOfPartnership: new DataLoader((ids: readonly number[]) => services.partnerships.milestonesOf(ids)),
    pillar: new DataLoader((ids: readonly number[]) => services.pillars.findByIds(ids)),
    pillarsOfPartnership: new DataLoader((ids: readonly number[]) => services.pillars.ofPartnerships(ids)),
    commitment: new DataLoader(async (ids: readonly number[]) => (await services.commitments.findByIds(ids)).map((row) => row && toCommitment(row))),
    commitmentsOfPartnership: loaderWithArgs(async (args: CommitmentPageQuery, ids) => (await services.commitments.pagesOf('partnership', ids, args)).map((page) => mapPage(page, toCommitment))),
    commitmentsOfPillar: loaderWithArgs(async (args: CommitmentPageQuery, ids) => (await services.commitments.pagesOf('pillar', ids, args)).map((page) => mapPage(page, toCommitment))),
    commitmentsOfActor: loaderWithArgs(async (args: CommitmentPageQuery, ids) => (await services.commitments.pagesOf('actor', ids, args)).map((page) => mapPage(page, toCommitment))),
    statusCountsOfPartnership: loaderWithArgs(async (filter: CommitmentFilterQuery | undefined, ids) => (await services.stats.statusCountsOf('partnership', ids, filter)).map(toStatusCounts)),
    statusCountsOfPillar: loaderWithArgs(async (filter: CommitmentFilterQuery | undefined, ids) => (await services.stats.statusCountsOf('pillar', ids, filter)).map(toStatusCounts)),
    amountsOfCommitment: new DataLoader(async (ids: readonly number[]) => (await services.commitments.amountsOf(ids)).map((amounts) => amounts.map(toCommitmentAmount))),
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
