// A small dataset whose every count, order and page is known, for the read API's operation tests.
// Dates are far in the past (2019–2025) or future (2099) so that "overdue" does not depend on the day
// the tests run; "stale" does, and its tests compute the expected set from these rows.
import type { PrismaClient } from '../../src/db/prisma';
import { toGlobalId } from '../../src/relay/global-id';

type Status = 'ANNOUNCED' | 'IN_PROGRESS' | 'PARTIALLY_COMPLETED' | 'COMPLETED' | 'STALLED' | 'ABANDONED' | 'SUPERSEDED';

export interface FixtureCommitment {
  slug: string;
  partnership: 'vs' | 'uv';
  pillar: string;
  title: string;
  description?: string;
  status: Status;
  deadline: string | null;
  statusSince: string;
  announcedOn: string;
  tags: string[];
  actors: [string, 'LEAD' | 'SUPPORTING' | 'PARTICIPANT'][];
  archived?: boolean;
}

/** In id order: c01 has the smallest id. c11 is archived. */
export const COMMITMENTS: FixtureCommitment[] = [
  { slug: 'c01', partnership: 'vs', pillar: 'vs-econ', title: 'Alpha trade agreement', description: 'Cut tariffs on RICE and other staples.', status: 'ANNOUNCED', deadline: null, statusSince: '2025-03-12', announcedOn: '2025-03-12', tags: ['trade'], actors: [['gov-vn', 'LEAD']] },
  { slug: 'c02', partnership: 'vs', pillar: 'vs-econ', title: 'Bravo digital economy framework', status: 'IN_PROGRESS', deadline: '2020-06-30', statusSince: '2024-01-10', announcedOn: '2023-05-01', tags: ['trade', 'digital'], actors: [['jp-co', 'PARTICIPANT'], ['gov-sg', 'LEAD']] },
  { slug: 'c03', partnership: 'vs', pillar: 'vs-sec', title: 'Charlie maritime security pact', status: 'COMPLETED', deadline: '2020-01-31', statusSince: '2021-02-01', announcedOn: '2019-01-01', tags: ['security'], actors: [['gov-vn', 'LEAD'], ['gov-sg', 'SUPPORTING']] },
  { slug: 'c04', partnership: 'vs', pillar: 'vs-sec', title: 'Delta cyber dialogue', status: 'STALLED', deadline: '2021-12-31', statusSince: '2022-06-01', announcedOn: '2020-01-01', tags: ['security'], actors: [] },
  { slug: 'c05', partnership: 'vs', pillar: 'vs-econ', title: 'Echo power grid 100% renewable', status: 'PARTIALLY_COMPLETED', deadline: '2099-12-31', statusSince: '2025-06-01', announcedOn: '2024-01-01', tags: ['energy'], actors: [['gov-vn', 'LEAD']] },
  { slug: 'c06', partnership: 'uv', pillar: 'uv-tech', title: 'Foxtrot semiconductor_supply chain', status: 'ANNOUNCED', deadline: null, statusSince: '2023-09-10', announcedOn: '2023-09-10', tags: ['digital'], actors: [['gov-us', 'LEAD']] },
  { slug: 'c07', partnership: 'uv', pillar: 'uv-tech', title: 'Golf education exchange', status: 'ABANDONED', deadline: '2022-12-31', statusSince: '2023-01-15', announcedOn: '2021-01-01', tags: [], actors: [] },
  { slug: 'c08', partnership: 'uv', pillar: 'uv-sec', title: 'Hotel defence dialogue for security', status: 'SUPERSEDED', deadline: null, statusSince: '2024-02-02', announcedOn: '2022-02-02', tags: ['security'], actors: [['gov-us', 'LEAD'], ['asean', 'PARTICIPANT']] },
  { slug: 'c09', partnership: 'uv', pillar: 'uv-sec', title: 'India tariff reduction on 1000 goods', status: 'COMPLETED', deadline: '2099-01-01', statusSince: '2025-01-01', announcedOn: '2023-01-01', tags: ['trade'], actors: [['gov-us', 'LEAD']] },
  { slug: 'c10', partnership: 'uv', pillar: 'uv-tech', title: 'Juliet undersea cable', status: 'IN_PROGRESS', deadline: '2099-06-30', statusSince: '2025-10-01', announcedOn: '2023-10-01', tags: ['digital', 'energy'], actors: [['jp-co', 'PARTICIPANT']] },
  { slug: 'c11', partnership: 'vs', pillar: 'vs-econ', title: 'Kilo archived pledge', status: 'COMPLETED', deadline: null, statusSince: '2024-01-01', announcedOn: '2023-01-01', tags: ['trade'], actors: [], archived: true },
];

export const DOCUMENT_TEXT =
  'The leaders agreed to cut tariffs. They will lay a submarine fibre link between the two countries. ' +
  'A digital economy framework will be negotiated.';

export interface Fixture {
  /** Global IDs by key: partnerships "vs" and "uv", pillars, actors, commitments (by slug), "doc". */
  ids: Record<string, string>;
  /** Database ids, same keys. */
  dbIds: Record<string, number>;
}

const date = (value: string) => new Date(`${value}T00:00:00.000Z`);

export async function createFixture(prisma: PrismaClient): Promise<Fixture> {
  const ids: Record<string, string> = {};
  const dbIds: Record<string, number> = {};
  const remember = (type: string, key: string, id: number) => {
    ids[key] = toGlobalId(type, id);
    dbIds[key] = id;
  };

  await prisma.country.createMany({
    data: [
      { code: 'VN', name: 'Viet Nam' },
      { code: 'SG', name: 'Singapore' },
      { code: 'US', name: 'United States' },
      { code: 'JP', name: 'Japan' },
    ],
  });
  const partnerships = {
    vs: { name: 'Vietnam–Singapore', parties: ['VN', 'SG'], pillars: [['vs-sec', 'Peace and security'], ['vs-econ', 'Economic cooperation']] },
    uv: { name: 'United States–Vietnam', parties: ['US', 'VN'], pillars: [['uv-sec', 'Security'], ['uv-tech', 'Technology']] },
  };
  for (const [key, spec] of Object.entries(partnerships)) {
    const partnership = await prisma.partnership.create({
      data: {
        slug: key,
        name: spec.name,
        level: 'COMPREHENSIVE_STRATEGIC_PARTNERSHIP',
        parties: { create: spec.parties.map((countryCode) => ({ countryCode })) },
      },
    });
    remember('Partnership', key, partnership.id);
    for (const [position, [slug, name]] of spec.pillars.entries()) {
      const pillar = await prisma.pillar.create({ data: { slug: slug!, name: name!, position: position + 1, partnershipId: partnership.id } });
      remember('Pillar', slug!, pillar.id);
    }
  }
  const actors: [string, string, 'GOVERNMENT' | 'COMPANY' | 'INTERNATIONAL_ORGANISATION', string | null][] = [
    ['gov-vn', 'Government of Viet Nam', 'GOVERNMENT', 'VN'],
    ['gov-sg', 'Government of Singapore', 'GOVERNMENT', 'SG'],
    ['gov-us', 'Government of United States', 'GOVERNMENT', 'US'],
    ['jp-co', 'Nippon Cable Company', 'COMPANY', 'JP'],
    ['asean', 'ASEAN', 'INTERNATIONAL_ORGANISATION', null],
  ];
  for (const [slug, name, kind, countryCode] of actors) {
    const actor = await prisma.actor.create({ data: { slug, name, kind, countryCode } });
    remember('Actor', slug, actor.id);
  }
  const document = await prisma.sourceDocument.create({
    data: {
      slug: 'doc',
      title: 'Joint statement',
      publisher: 'Ministry of Foreign Affairs',
      kind: 'JOINT_STATEMENT',
      publishedOn: date('2025-03-12'),
      publishedPrecision: 'DAY',
      publishedBasis: 'STATED',
      language: 'en',
      text: DOCUMENT_TEXT,
      sha256: '0'.repeat(64),
    },
  });
  remember('SourceDocument', 'doc', document.id);
  const older = await prisma.sourceDocument.create({
    data: {
      slug: 'older-doc',
      title: 'Fact sheet',
      publisher: 'White House',
      kind: 'FACT_SHEET',
      publishedOn: date('2023-09-10'),
      publishedPrecision: 'MONTH',
      publishedBasis: 'INFERRED',
      publishedReasoning: 'The visit took place that month.',
      language: 'en',
      text: 'Fact sheet text.',
      sha256: '1'.repeat(64),
    },
  });
  remember('SourceDocument', 'older-doc', older.id);

  for (const spec of COMMITMENTS) {
    const commitment = await prisma.commitment.create({
      data: {
        slug: spec.slug,
        partnershipId: dbIds[spec.partnership]!,
        pillarId: dbIds[spec.pillar]!,
        title: spec.title,
        description: spec.description ?? null,
        status: spec.status,
        statusSince: date(spec.statusSince),
        announcedOn: date(spec.announcedOn),
        deadline: spec.deadline ? date(spec.deadline) : null,
        deadlinePrecision: spec.deadline ? 'DAY' : null,
        tags: spec.tags,
        archivedAt: spec.archived ? new Date('2025-01-01T00:00:00Z') : null,
        actors: { create: spec.actors.map(([actor, role]) => ({ actorId: dbIds[actor]!, role })) },
      },
    });
    remember('Commitment', spec.slug, commitment.id);
  }

  const quote = (commitment: string, text: string, role: 'ORIGIN' | 'LATER_MENTION' | 'EVIDENCE', sourceDocumentId = document.id) => {
    const startOffset = [...DOCUMENT_TEXT.slice(0, DOCUMENT_TEXT.indexOf(text))].length;
    return { commitmentId: dbIds[commitment]!, sourceDocumentId, quote: text, startOffset, endOffset: startOffset + [...text].length, role };
  };
  await prisma.provenance.createMany({
    data: [
      quote('c01', 'cut tariffs', 'ORIGIN'),
      quote('c10', 'lay a submarine fibre link', 'ORIGIN'),
      quote('c02', 'A digital economy framework', 'ORIGIN'),
      quote('c11', 'The leaders agreed', 'ORIGIN'),
      { ...quote('c02', 'The leaders agreed', 'LATER_MENTION'), reportedStatus: 'IN_PROGRESS' as const },
    ],
  });

  const author = { authorKind: 'API_KEY' as const, authorId: '17', authorName: 'Analyst key' };
  const history: [string, Status | null, Status, string][] = [
    ['c03', null, 'ANNOUNCED', '2019-01-01'],
    ['c03', 'ANNOUNCED', 'IN_PROGRESS', '2020-01-01'],
    ['c03', 'IN_PROGRESS', 'STALLED', '2020-01-01'],
    ['c03', 'STALLED', 'IN_PROGRESS', '2020-06-01'],
    ['c03', 'IN_PROGRESS', 'COMPLETED', '2021-02-01'],
    ['c02', null, 'ANNOUNCED', '2023-05-01'],
    ['c02', 'ANNOUNCED', 'IN_PROGRESS', '2024-01-10'],
  ];
  for (const [commitment, fromStatus, toStatus, effectiveOn] of history) {
    await prisma.statusChange.create({
      data: {
        commitmentId: dbIds[commitment]!,
        fromStatus,
        toStatus,
        effectiveOn: date(effectiveOn),
        rationale: `${fromStatus ?? 'new'} to ${toStatus}`,
        ...(toStatus === 'COMPLETED' && { evidenceUrl: 'https://example.org/done', evidenceTitle: 'Signed', evidenceDate: date(effectiveOn), evidenceDocumentId: document.id }),
        ...author,
      },
    });
  }
  await prisma.commitmentAmount.create({
    data: { commitmentId: dbIds.c05!, value: '1000000.00', currency: 'USD', originalText: 'US$1 million' },
  });
  return { ids, dbIds };
}

/** Slugs of the fixture commitments for which `predicate` holds, archived ones left out, in id order. */
export function slugsWhere(predicate: (commitment: FixtureCommitment) => boolean): string[] {
  return COMMITMENTS.filter((commitment) => !commitment.archived && predicate(commitment)).map((commitment) => commitment.slug);
}
