// Reference data and credentials for the write and auth tests: one partnership with a pillar, an actor,
// a source document and an announced commitment, and API keys of each role.
import { ApiKeyService } from '../../src/auth/api-key.service';
import type { Role } from '../../src/common/enums';
import { createDatabase, type Database, type PrismaClient } from '../../src/db/prisma';
import { toGlobalId } from '../../src/relay/global-id';

export const ANNOUNCED_ON = '2023-10-15';

export interface ApiKeyCredentials {
  /** The Authorization header. */
  authorization: string;
  id: number;
  plaintext: string;
}

export async function createApiKey(prisma: PrismaClient, role: Role, name = `${role.toLowerCase()} key`): Promise<ApiKeyCredentials> {
  const { apiKey, plaintextKey } = await new ApiKeyService(prisma).create({ name, role });
  return { authorization: `Bearer ${plaintextKey}`, id: apiKey.id, plaintext: plaintextKey };
}

export interface WriteFixtures {
  database: Database;
  partnershipId: number;
  pillarId: number;
  otherPillarId: number;
  actorId: number;
  documentId: number;
  /** Creates a commitment in ANNOUNCED status with its first history entry; returns its database id. */
  commitment(slug: string): Promise<number>;
  /** An API key of a role. */
  key(role: Role, name?: string): Promise<ApiKeyCredentials>;
  /** The commitment's row and its history, read straight from the database. */
  state(commitmentId: number): Promise<{ status: string; version: number; statusSince: string; lastAssessedAt: Date | null; history: number }>;
  close(): Promise<void>;
}

export async function createWriteFixtures(url: string): Promise<WriteFixtures> {
  const database = createDatabase({ url, poolMax: 3, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000, connectionTimeoutMs: 5_000 });
  const { prisma } = database;
  await prisma.country.createMany({ data: [{ code: 'SG', name: 'Singapore' }, { code: 'VN', name: 'Viet Nam' }, { code: 'US', name: 'United States' }] });
  const partnership = await prisma.partnership.create({
    data: {
      slug: 'vietnam-singapore',
      name: 'Vietnam–Singapore Comprehensive Strategic Partnership',
      level: 'COMPREHENSIVE_STRATEGIC_PARTNERSHIP',
      parties: { create: [{ countryCode: 'VN' }, { countryCode: 'SG' }] },
      pillars: { create: [{ slug: 'vn-sg-economic', position: 1, name: 'Economic cooperation' }] },
    },
    include: { pillars: true },
  });
  const other = await prisma.partnership.create({
    data: {
      slug: 'us-vietnam',
      name: 'US–Vietnam Comprehensive Strategic Partnership',
      level: 'COMPREHENSIVE_STRATEGIC_PARTNERSHIP',
      parties: { create: [{ countryCode: 'VN' }, { countryCode: 'US' }] },
      pillars: { create: [{ slug: 'us-vn-technology', position: 1, name: 'Technology' }] },
    },
    include: { pillars: true },
  });
  const actor = await prisma.actor.create({ data: { slug: 'sg-mti', name: 'Ministry of Trade and Industry', kind: 'MINISTRY', countryCode: 'SG' } });
  const document = await prisma.sourceDocument.create({
    data: {
      slug: 'vn-sg-news',
      title: 'Agreement signed',
      publisher: 'The Straits Times',
      kind: 'NEWS_REPORT',
      publishedOn: new Date('2024-03-01T00:00:00Z'),
      publishedPrecision: 'DAY',
      publishedBasis: 'STATED',
      language: 'en',
      text: 'The agreement was signed today.',
      sha256: '0'.repeat(64),
    },
  });
  const pillarId = partnership.pillars[0]!.id;

  return {
    database,
    partnershipId: partnership.id,
    pillarId,
    otherPillarId: other.pillars[0]!.id,
    actorId: actor.id,
    documentId: document.id,
    async commitment(slug) {
      const announcedOn = new Date(`${ANNOUNCED_ON}T00:00:00Z`);
      const row = await prisma.commitment.create({
        data: {
          slug,
          partnershipId: partnership.id,
          pillarId,
          title: `Commitment ${slug}`,
          status: 'ANNOUNCED',
          statusSince: announcedOn,
          announcedOn,
          statusChanges: {
            create: { toStatus: 'ANNOUNCED', effectiveOn: announcedOn, rationale: 'Announced.', authorKind: 'SYSTEM', authorId: 'test' },
          },
        },
      });
      return row.id;
    },
    key: (role, name) => createApiKey(prisma, role, name),
    async state(commitmentId) {
      const row = await prisma.commitment.findUniqueOrThrow({ where: { id: commitmentId } });
      const history = await prisma.statusChange.count({ where: { commitmentId } });
      return { status: row.status, version: row.version, statusSince: row.statusSince.toISOString().slice(0, 10), lastAssessedAt: row.lastAssessedAt, history };
    },
    close: () => database.close(),
  };
}

export const commitmentGid = (id: number) => toGlobalId('Commitment', id);

export const UPDATE_STATUS = `
  mutation ($input: UpdateCommitmentStatusInput!) {
    updateCommitmentStatus(input: $input) {
      commitment { id status version statusSince lastAssessedAt }
      statusChange {
        id fromStatus toStatus effectiveOn recordedAt rationale
        evidence { url title publishedOn sourceDocumentId }
        author { kind id name }
      }
      userErrors { field message code currentVersion currentStatus }
    }
  }`;

/** A LocalDate `days` from today in UTC (negative: in the past). */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
