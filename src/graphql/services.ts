// The services, made once per process. They own all data access: nothing else talks to Prisma.
import { ActorWriteService } from '../actor/actor-write.service';
import { ApiKeyService } from '../auth/api-key.service';
import { CandidateReviewService } from '../candidate/candidate-review.service';
import { CandidateService } from '../candidate/candidate.service';
import { IngestionService } from '../candidate/ingestion.service';
import { CommitmentWriteService } from '../commitment/commitment-write.service';
import type { Database } from '../db/prisma';
import { PreparedStatements } from '../db/statements';
import { WriteUnit } from '../idempotency/write-unit';
import { PartnershipWriteService } from '../partnership/partnership-write.service';
import { PillarWriteService } from '../pillar/pillar-write.service';
import { SourceDocumentWriteService } from '../source-document/source-document-write.service';
import { PartnershipService } from '../partnership/partnership.service';
import { PillarService } from '../pillar/pillar.service';
import { ActorService } from '../actor/actor.service';
import { CommitmentService } from '../commitment/commitment.service';
import { CommitmentExportService } from '../commitment/commitment-export.service';
import { CountryService } from '../country/country.service';
import { ProvenanceService } from '../source-document/provenance.service';
import { SourceDocumentService } from '../source-document/source-document.service';
import { StatsService } from '../stats/stats.service';
import { StatusHistoryService } from '../status-history/status-history.service';
import { ComplianceService } from '../compliance/compliance.service';
import { CommitmentChangePublisher } from '../subscription/commitment-change.publisher';
import type { ChangeFeed } from '../subscription/change-feed';
import { SubscriptionService } from '../subscription/subscription.service';
import { CommitmentEventService } from '../timeline/commitment-event.service';
import { TimelineService } from '../timeline/timeline.service';
import { PartyAssessmentService } from '../party-assessment/party-assessment.service';
import { PartyAssessmentWriteService } from '../party-assessment/party-assessment-write.service';
import { TargetService } from '../target/target.service';
import { TargetWriteService } from '../target/target-write.service';

/**
 * `reads` is where the read services query: a replica's client (db/replicas.ts) or, by default, the primary.
 * Writes and API keys (a key just made must work at once) always use the primary.
 */
export function createServices(
  { prisma: primary, pool }: Pick<Database, 'prisma' | 'pool'>,
  options: { apiKeyCacheTtlMs?: number; changeFeed?: ChangeFeed } = {},
  reads: Pick<Database, 'prisma'> = { prisma: primary },
) {
  const writes = new WriteUnit(primary, new PreparedStatements(pool));
  const prisma = reads.prisma;
  const changes = new CommitmentChangePublisher();
  const commitmentWrites = new CommitmentWriteService(writes, changes);
  return {
    apiKeys: new ApiKeyService(primary, { cacheTtlMs: options.apiKeyCacheTtlMs }, writes),
    commitmentWrites,
    ingestion: new IngestionService(writes),
    candidateReviews: new CandidateReviewService(writes, commitmentWrites),
    candidates: new CandidateService(prisma),
    partyAssessmentWrites: new PartyAssessmentWriteService(writes, changes),
    targetWrites: new TargetWriteService(writes, changes),
    partnershipWrites: new PartnershipWriteService(writes),
    pillarWrites: new PillarWriteService(writes),
    sourceDocumentWrites: new SourceDocumentWriteService(writes),
    actorWrites: new ActorWriteService(writes),
    partnerships: new PartnershipService(prisma),
    pillars: new PillarService(prisma),
    commitments: new CommitmentService(prisma),
    commitmentExport: new CommitmentExportService(prisma),
    actors: new ActorService(prisma),
    countries: new CountryService(prisma),
    sourceDocuments: new SourceDocumentService(prisma),
    provenance: new ProvenanceService(prisma),
    statusHistory: new StatusHistoryService(prisma),
    stats: new StatsService(prisma),
    timeline: new TimelineService(prisma),
    commitmentEvents: new CommitmentEventService(prisma),
    compliance: new ComplianceService(prisma),
    partyAssessments: new PartyAssessmentService(prisma),
    targets: new TargetService(prisma),
    // One feed per process, whichever set of services a request is given: the change listener feeds it.
    subscriptions: new SubscriptionService(primary, options.changeFeed),
  };
}

export type Services = ReturnType<typeof createServices>;
