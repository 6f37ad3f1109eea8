// Commitments and their histories made through the API (createCommitment, updateCommitmentStatus), so that the
// write path's rules and the triggers behind the timeline's fast path are exercised as in production.
import { toGlobalId } from '../../src/relay/global-id';
import type { TestServer } from '../support/test-server';

export type Status = 'ANNOUNCED' | 'IN_PROGRESS' | 'PARTIALLY_COMPLETED' | 'COMPLETED' | 'STALLED' | 'ABANDONED' | 'SUPERSEDED';

export const TIMELINE_FIELDS = `
  interval groupBy
  points { periodStart asOf counts { announced inProgress partiallyCompleted completed stalled abandoned superseded total completionRate followThroughRate }
           completionRate followThroughRate compliance { scored compliant neutral nonCompliant averageScore percentage } }
  groups { key label nodeId points { asOf counts { announced inProgress partiallyCompleted completed stalled abandoned superseded total }
           compliance { scored compliant neutral nonCompliant averageScore percentage } } }`;

export const STATUS_TIMELINE = `
  query Timeline($filter: CommitmentFilter, $from: LocalDate!, $to: LocalDate!, $interval: TimelineInterval!, $groupBy: TimelineGroupBy, $asKnownOn: DateTime) {
    statusTimeline(filter: $filter, from: $from, to: $to, interval: $interval, groupBy: $groupBy, asKnownOn: $asKnownOn) { ${TIMELINE_FIELDS} }
  }`;

export class Editor {
  private sequence = 0;

  constructor(
    private readonly server: TestServer,
    private readonly authorization: string,
  ) {}

  private async mutate(query: string, input: Record<string, unknown>): Promise<Record<string, any>> {
    const response = await this.server.graphql(query, { input }, { authorization: this.authorization });
    const payload = Object.values(response.body.data ?? {})[0] as Record<string, any> | undefined;
    if (response.body.errors || !payload || payload.userErrors.length) {
      throw new Error(`mutation failed: ${JSON.stringify(response.body.errors ?? payload?.userErrors)}`);
    }
    return payload;
  }

  /** Creates an ANNOUNCED commitment; returns its database id. */
  async commitment(pillarId: number, announcedOn: string, deadline?: string): Promise<number> {
    const payload = await this.mutate(
      `mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { databaseId } userErrors { field message } } }`,
      {
        pillarId: toGlobalId('Pillar', pillarId),
        slug: `tl-commitment-${++this.sequence}-${Date.now()}`,
        title: `Timeline commitment ${this.sequence}`,
        announcedOn,
        ...(deadline && { deadline: { date: deadline, precision: 'DAY' } }),
      },
    );
    return payload.commitment.databaseId as number;
  }

  /** Records a status change, with evidence (some statuses need it). */
  async status(commitmentId: number, status: Status, effectiveOn: string): Promise<void> {
    await this.mutate(
      `mutation ($input: UpdateCommitmentStatusInput!) { updateCommitmentStatus(input: $input) { commitment { status } userErrors { field message } } }`,
      {
        commitmentId: toGlobalId('Commitment', commitmentId),
        status,
        effectiveOn,
        rationale: `Now ${status}.`,
        evidence: { url: 'https://example.org/evidence', title: 'Evidence', publishedOn: effectiveOn },
      },
    );
  }

  async note(commitmentId: number, effectiveOn: string, note: string): Promise<number> {
    const payload = await this.mutate(
      `mutation ($input: AddProgressNoteInput!) { addProgressNote(input: $input) { progressNote { databaseId } userErrors { field message } } }`,
      { commitmentId: toGlobalId('Commitment', commitmentId), effectiveOn, note },
    );
    return payload.progressNote.databaseId as number;
  }

  async evidence(commitmentId: number, publishedOn: string, title: string): Promise<number> {
    const payload = await this.mutate(
      `mutation ($input: AttachEvidenceInput!) { attachEvidence(input: $input) { evidence { databaseId } userErrors { field message } } }`,
      { commitmentId: toGlobalId('Commitment', commitmentId), evidence: { url: 'https://example.org/report', title, publishedOn } },
    );
    return payload.evidence.databaseId as number;
  }

  async update(commitmentId: number, changes: Record<string, unknown>): Promise<void> {
    await this.mutate(
      `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { id } userErrors { field message } } }`,
      { commitmentId: toGlobalId('Commitment', commitmentId), ...changes },
    );
  }

  async archive(commitmentId: number): Promise<void> {
    await this.mutate(
      `mutation ($input: ArchiveCommitmentInput!) { archiveCommitment(input: $input) { commitment { id } userErrors { field message } } }`,
      { commitmentId: toGlobalId('Commitment', commitmentId) },
    );
  }
}
