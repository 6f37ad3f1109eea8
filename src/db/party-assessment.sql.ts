// Reads of party assessments. They are append-only, so a party's current assessment of a commitment is
// its latest row (by assessed_at, then id); the compliance score by country (compliance.ts) reads the
// latest as of a day the same way.
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './prisma';
import { selectList } from './tables/columns';
import { PARTY_ASSESSMENT_COLUMNS, type PartyAssessmentRow } from './tables/party-assessment';

type Client = Pick<PrismaClient, '$queryRaw'>;

/** The condition that the party assessment row `alias` is its party's latest for its commitment. */
export function latestPartyAssessment(alias: string): string {
  return `NOT EXISTS (SELECT 1 FROM party_assessment newer WHERE newer.commitment_id = ${alias}.commitment_id
    AND newer.country_code = ${alias}.country_code AND (newer.assessed_at, newer.id) > (${alias}.assessed_at, ${alias}.id))`;
}

const COLUMNS = selectList('pa', PARTY_ASSESSMENT_COLUMNS);

/** Each party's latest assessment of each commitment, by commitment, then country code. */
export function latestPartyAssessmentsOf(client: Client, commitmentIds: readonly number[]): Promise<PartyAssessmentRow[]> {
  return client.$queryRaw<PartyAssessmentRow[]>(Prisma.sql`SELECT ${COLUMNS} FROM party_assessment pa
    WHERE pa.commitment_id = ANY(${[...commitmentIds]}::int[]) AND ${Prisma.raw(latestPartyAssessment('pa'))}
    ORDER BY pa.commitment_id, pa.country_code`);
}

/** Every party assessment of each commitment, newest first. */
export function partyAssessmentHistoryOf(client: Client, commitmentIds: readonly number[]): Promise<PartyAssessmentRow[]> {
  return client.$queryRaw<PartyAssessmentRow[]>(Prisma.sql`SELECT ${COLUMNS} FROM party_assessment pa
    WHERE pa.commitment_id = ANY(${[...commitmentIds]}::int[])
    ORDER BY pa.commitment_id, pa.assessed_at DESC, pa.id DESC`);
}
