// The follow-through the seeds can show, pinned so that an edit of the YAML cannot silently lose it: the
// deadlines and amounts the documents state, the statuses the later Vietnam–Singapore reports move on (as
// dated history entries that quote them), and the counts `npm run seeds:report` prints for seeds/README.md.
import type { SeedCommitment, SeedDataset } from '../../src/seed/seed.dataset';
import { loadSeedDataset } from '../../src/seed/seed.loader';
import { countDataset } from '../../src/seed/seed.report';
import { useTestServer } from '../support/fixture';
import { SEEDS_DIR, useSeedsCopy } from '../support/seeds';

const VN_SG = 'partnerships/vietnam-singapore.yaml';
const BRIEFING = 'vn-sg-press-briefing-2025';
const TALKS = 'vn-sg-security-talks-2025';

let dataset: SeedDataset;

beforeAll(async () => {
  dataset = await loadSeedDataset(SEEDS_DIR);
});

const commitmentsOf = (of: SeedDataset) => of.partnerships.flatMap((partnership) => partnership.commitments);
const bySlug = <T>(commitments: SeedCommitment[], pick: (commitment: SeedCommitment) => T | undefined) =>
  Object.fromEntries(commitments.flatMap((commitment) => {
    const value = pick(commitment);
    return value === undefined ? [] : [[commitment.slug, value]];
  }));

describe('the seed dataset', () => {
  it('has a deadline wherever a document states one, as the last day of the stated year', () => {
    expect(
      bySlug(commitmentsOf(dataset), (commitment) =>
        commitment.deadline ? { deadline: commitment.deadline, precision: commitment.deadlinePrecision } : undefined,
      ),
    ).toEqual({
      'vn-sg-net-zero-2050': { deadline: new Date('2050-12-31'), precision: 'YEAR' },
      'vn-sg-asean-community-vision-2045': { deadline: new Date('2045-12-31'), precision: 'YEAR' },
    });
  });

  it('has an amount wherever a document states one', () => {
    expect(bySlug(commitmentsOf(dataset), (commitment) => (commitment.amounts.length > 0 ? commitment.amounts : undefined))).toEqual({
      'us-vn-workforce-development-package': [{ value: '4000000.00', currency: 'USD', originalText: '$4 million' }],
      'us-vn-exim-vdb-mou': [{ value: '500000000.00', currency: 'USD', originalText: '$500 million' }],
    });
  });

  it('moves on the joint statement commitments the later reports show under way, on their dates', () => {
    const moves = commitmentsOf(dataset).flatMap((commitment) =>
      commitment.history
        .filter((entry) => entry.fromStatus !== null)
        .map(({ fromStatus, toStatus, effectiveOn, document }) => ({ slug: commitment.slug, fromStatus, toStatus, effectiveOn, document })),
    );
    const move = (slug: string, document: string, day: string) =>
      ({ slug, fromStatus: 'ANNOUNCED', toStatus: 'IN_PROGRESS', effectiveOn: new Date(day), document });
    expect(moves).toEqual([
      move('vn-sg-transnational-crime-mutual-legal-assistance', BRIEFING, '2025-03-12'),
      move('vn-sg-vsip-development', BRIEFING, '2025-03-12'),
      move('vn-sg-green-digital-economy-partnership', BRIEFING, '2025-03-12'),
      move('vn-sg-cross-border-electricity-trade', BRIEFING, '2025-03-12'),
      move('vn-sg-multilateral-coordination', TALKS, '2025-03-13'),
    ]);
  });

  it('quotes the reporting document in the rationale of each move', () => {
    const commitment = commitmentsOf(dataset).find((candidate) => candidate.slug === 'vn-sg-cross-border-electricity-trade')!;
    expect(commitment.history.at(-1)!.rationale).toBe(
      'Reported as IN_PROGRESS in "Vietnam and Singapore announce the upgrade of ties to a comprehensive strategic ' +
        'partnership at a press briefing; cooperation agreements exchanged": ' +
        '"a joint report on offshore wind energy trade cooperation between Vietnam and Singapore"',
    );
  });

  it('counts what seeds/README.md reports', () => {
    const counts = countDataset(dataset);
    expect(counts.followThrough).toEqual({
      withDeadline: 2,
      withAmounts: 2,
      historyEntries: 132,
      reportedChanges: 5,
      overdueOn: new Date('2025-03-13'),
      overdue: 0,
    });
    expect(counts.history).toEqual([
      { status: 'ANNOUNCED', first: 81, reported: 0 },
      { status: 'IN_PROGRESS', first: 19, reported: 5 },
      { status: 'COMPLETED', first: 27, reported: 0 },
    ]);
    expect(counts.documents).toEqual([
      { slug: 'us-sg-vp-visit-fact-sheet-2021', origin: 22, mentions: 25, withDeadline: 0, withAmounts: 0, historyEntries: 22 },
      { slug: 'vn-sg-joint-statement-2025', origin: 56, mentions: 56, withDeadline: 2, withAmounts: 0, historyEntries: 56 },
      { slug: 'us-vn-csp-momentum-fact-sheet-2024', origin: 29, mentions: 29, withDeadline: 0, withAmounts: 2, historyEntries: 29 },
      { slug: BRIEFING, origin: 8, mentions: 14, withDeadline: 0, withAmounts: 0, historyEntries: 12 },
      { slug: TALKS, origin: 12, mentions: 19, withDeadline: 0, withAmounts: 0, historyEntries: 13 },
    ]);
  });
});

describe("the report's overdue count", () => {
  const seeds = useSeedsCopy();
  const NET_ZERO = 'deadline: "2050"';
  const overdueWith = async (deadline: string) => {
    await seeds.edit(VN_SG, NET_ZERO, `deadline: "${deadline}"`);
    return countDataset(await loadSeedDataset(seeds.dir)).followThrough.overdue;
  };

  it('counts a deadline before the last document date, as the overdue filter does', async () => {
    expect(await overdueWith('2024')).toBe(1);
  });

  it('does not count the deadline day itself', async () => {
    expect(await overdueWith('2025-03-13')).toBe(0);
  });

  it('does not count a commitment completed by then', async () => {
    await seeds.edit(
      VN_SG,
      '    tags: [diplomacy, partnership-upgrade]',
      '    deadline: "2024"\n    tags: [diplomacy, partnership-upgrade]',
    );
    expect(countDataset(await loadSeedDataset(seeds.dir)).followThrough.overdue).toBe(0);
  });
});

describe('the seeded API', () => {
  const suite = useTestServer({ database: 'seeded' });

  const counts = async (asOf: string, filter?: Record<string, unknown>) => {
    const { body } = await suite.server.graphql(
      'query ($asOf: LocalDate, $filter: CommitmentFilter) { commitmentStats(asOf: $asOf, filter: $filter) { overall { announced inProgress completed total } } }',
      { asOf, filter },
    );
    expect(body.errors).toBeUndefined();
    return body.data!.commitmentStats.overall;
  };

  it('shows the statuses moving over the days of the Vietnam–Singapore visit', async () => {
    const vnSg = async (asOf: string) => {
      const { body } = await suite.server.graphql(
        'query ($asOf: LocalDate) { commitmentStats(asOf: $asOf, groupBy: PARTNERSHIP) { groups { key counts { announced inProgress completed total } } } }',
        { asOf },
      );
      expect(body.errors).toBeUndefined();
      return body.data!.commitmentStats.groups.find((group: { key: string }) => group.key === 'vietnam-singapore').counts;
    };
    expect(await vnSg('2025-03-11')).toEqual({ announced: 51, inProgress: 4, completed: 1, total: 56 });
    expect(await vnSg('2025-03-12')).toEqual({ announced: 47, inProgress: 8, completed: 9, total: 64 });
    expect(await vnSg('2025-03-13')).toEqual({ announced: 56, inProgress: 11, completed: 9, total: 76 });
  });

  it('counts no commitment overdue on the last document date, and keeps the deadlines stated', async () => {
    expect((await counts('2025-03-13', { overdue: true })).total).toBe(0);
    expect((await counts('2025-03-13', { hasDeadline: true })).total).toBe(2);
  });

  it('gives a moved commitment a dated history entry citing the later document', async () => {
    const { body } = await suite.server.graphql(
      `{ commitment(slug: "vn-sg-multilateral-coordination") {
           statusHistory(first: 5) { nodes { fromStatus toStatus effectiveOn rationale evidence { document { slug } } } }
         } }`,
    );
    expect(body.errors).toBeUndefined();
    const [latest, first] = body.data!.commitment.statusHistory.nodes;
    expect(first).toMatchObject({ fromStatus: null, toStatus: 'ANNOUNCED', effectiveOn: '2025-03-01' });
    expect(first).toMatchObject({ evidence: { document: { slug: 'vn-sg-joint-statement-2025' } } });
    expect(latest).toMatchObject({
      fromStatus: 'ANNOUNCED',
      toStatus: 'IN_PROGRESS',
      effectiveOn: '2025-03-13',
      evidence: { document: { slug: TALKS } },
    });
    expect(latest.rationale).toContain(
      '"the viewpoint coordination and mutual support at the drug combat cooperation forums within the ASEAN framework"',
    );
  });
});
