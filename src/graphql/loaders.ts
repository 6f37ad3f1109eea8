// DataLoaders, made fresh for every request (their caches must not leak between callers). Every relation
// field resolves through one of these, so a page of N items costs one query per relation, not N.
import DataLoader from 'dataloader';
import type { Services } from './services';
import { loaderWithArgs } from '../common/batch';
import { toCommitment, toCommitmentAmount } from '../commitment/api/commitment.mapper';
import type { CommitmentPageQuery } from '../commitment/commitment.queries';
import type { CommitmentFilterQuery } from '../db/commitment-filter';
import { toStatusCounts } from '../stats/api/stats.mapper';
import type { AsOf } from '../db/as-of';
import { mapPage, type Page, type PageRequest } from '../common/page';
import { toActor, toCommitmentActor } from '../actor/api/actor.mapper';
import { toPartnership, toPartnershipMilestone } from '../partnership/api/partnership.mapper';
import { toPillar } from '../pillar/api/pillar.mapper';
import { toProvenance, toSourceDocument } from '../source-document/api/source-document.mapper';
import { toEvidence, toProgressNote, toStatusChange } from '../status-history/api/status-change.mapper';
import { toPartyAssessment } from '../party-assessment/api/party-assessment.mapper';
import { toTarget, toTargetReading } from '../target/api/target.mapper';

// Services answer with rows; the GraphQL objects the fields resolve to are built here, on the API's side.
const each = <Row, Node>(toNode: (row: Row) => Node) => (rows: (Row | undefined)[]) => rows.map((row) => row && toNode(row));
const eachOfEach = <Row, Node>(toNode: (row: Row) => Node) => (groups: Row[][]) => groups.map((group) => group.map(toNode));
const pagesOf = <Row, Node extends object>(toNode: (row: Row) => Node) => (pages: Page<Row>[]) => pages.map((page) => mapPage(page, toNode));

export function createLoaders(services: Services) {
  return {
    partnership: new DataLoader((ids: readonly number[]) => services.partnerships.findByIds(ids).then(each(toPartnership))),
    partiesOfPartnership: new DataLoader((ids: readonly number[]) => services.partnerships.partiesOf(ids)),
    milestonesOfPartnership: new DataLoader((ids: readonly number[]) => services.partnerships.milestonesOf(ids).then(eachOfEach(toPartnershipMilestone))),
    pillar: new DataLoader((ids: readonly number[]) => services.pillars.findByIds(ids).then(each(toPillar))),
    pillarsOfPartnership: new DataLoader((ids: readonly number[]) => services.pillars.ofPartnerships(ids).then(eachOfEach(toPillar))),
    commitment: new DataLoader((ids: readonly number[]) => services.commitments.findByIds(ids).then(each(toCommitment))),
    commitmentsOfPartnership: loaderWithArgs((args: CommitmentPageQuery, ids) => services.commitments.pagesOf('partnership', ids, args).then(pagesOf(toCommitment))),
    commitmentsOfPillar: loaderWithArgs((args: CommitmentPageQuery, ids) => services.commitments.pagesOf('pillar', ids, args).then(pagesOf(toCommitment))),
    commitmentsOfActor: loaderWithArgs((args: CommitmentPageQuery, ids) => services.commitments.pagesOf('actor', ids, args).then(pagesOf(toCommitment))),
    statusCountsOfPartnership: loaderWithArgs((filter: CommitmentFilterQuery | undefined, ids) => services.stats.statusCountsOf('partnership', ids, filter).then((rows) => rows.map(toStatusCounts))),
    statusCountsOfPillar: loaderWithArgs((filter: CommitmentFilterQuery | undefined, ids) => services.stats.statusCountsOf('pillar', ids, filter).then((rows) => rows.map(toStatusCounts))),
    amountsOfCommitment: new DataLoader((ids: readonly number[]) => services.commitments.amountsOf(ids).then(eachOfEach(toCommitmentAmount))),
    actor: new DataLoader((ids: readonly number[]) => services.actors.findByIds(ids).then(each(toActor))),
    actorsOfCommitment: new DataLoader((ids: readonly number[]) => services.actors.ofCommitments(ids).then(eachOfEach(toCommitmentActor))),
    country: new DataLoader((codes: readonly string[]) => services.countries.findByCodes(codes)),
    sourceDocument: new DataLoader((ids: readonly number[]) => services.sourceDocuments.findByIds(ids).then(each(toSourceDocument))),
    sourceDocumentText: new DataLoader((ids: readonly number[]) => services.sourceDocuments.textsOf(ids)),
    provenance: new DataLoader((ids: readonly number[]) => services.provenance.findByIds(ids).then(each(toProvenance))),
    provenanceOfCommitment: new DataLoader((ids: readonly number[]) => services.provenance.ofCommitments(ids).then(eachOfEach(toProvenance))),
    mentionsOfDocument: loaderWithArgs((request: PageRequest, ids) => services.provenance.mentionsOf(ids, request).then(pagesOf(toProvenance))),
    statusChange: new DataLoader((ids: readonly number[]) => services.statusHistory.findByIds(ids).then(each(toStatusChange))),
    statusHistoryOfCommitment: loaderWithArgs((request: PageRequest, ids) => services.statusHistory.historyOf(ids, request).then(pagesOf(toStatusChange))),
    evidenceOfCommitment: loaderWithArgs((request: PageRequest, ids) => services.statusHistory.evidenceOf(ids, request).then(pagesOf(toEvidence))),
    statusAsOf: loaderWithArgs((asOf: AsOf, ids) => services.timeline.statusesAsOf(ids, asOf)),
    eventsOfCommitment: loaderWithArgs((request: PageRequest, ids) => services.commitmentEvents.pagesOf(ids, request)),
    progressNote: new DataLoader((ids: readonly number[]) => services.commitmentEvents.progressNotesByIds(ids).then(each(toProgressNote))),
    evidence: new DataLoader((ids: readonly number[]) => services.commitmentEvents.evidenceByIds(ids).then(each(toEvidence))),
    partyAssessmentsOfCommitment: new DataLoader((ids: readonly number[]) => services.partyAssessments.latestOf(ids).then(eachOfEach(toPartyAssessment))),
    partyAssessmentHistoryOfCommitment: new DataLoader((ids: readonly number[]) => services.partyAssessments.historyOf(ids).then(eachOfEach(toPartyAssessment))),
    target: new DataLoader((ids: readonly number[]) => services.targets.findByIds(ids).then(each(toTarget))),
    targetsOfCommitment: new DataLoader((ids: readonly number[]) => services.targets.ofCommitments(ids).then(eachOfEach(toTarget))),
    readingsOfTarget: new DataLoader((ids: readonly number[]) => services.targets.readingsOf(ids).then(eachOfEach(toTargetReading))),
    targetReading: new DataLoader((ids: readonly number[]) => services.targets.readingsByIds(ids).then(each(toTargetReading))),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
