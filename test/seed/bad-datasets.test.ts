// A bad dataset is refused whole: every problem is named (file, item, reason) and the database is left
// exactly as it was, whether the loader catches the problem or the database does half-way through.
import type { SeedDataset } from '../../src/seed/seed.dataset';
import { loadSeedDataset } from '../../src/seed/seed.loader';
import { SeedDatasetError } from '../../src/seed/seed.problems';
import { SeedConflictError } from '../../src/seed/seed.reference-writer';
import { SeedService } from '../../src/seed/seed.service';
import { useTestDatabase } from '../support/fixture';
import { SEEDS_DIR, snapshot, useSeedsCopy } from '../support/seeds';

const VN_SG = 'partnerships/vietnam-singapore.yaml';
const JOINT_STATEMENT = 'documents/001_100c9a3b26ffeb29.yaml';
const JOINT_STATEMENT_SHA = 'b6a5aa03e07e0b6ca68e0a636ba4fa6881272f9820a3cc23504215a746030572';
const HADR = `  - key: vn-sg-hadr
    title: "Cooperation in humanitarian aid and disaster relief"
    pillar: vn-sg-peace-security
    pillarBasis: STATED
    status: ANNOUNCED`;

interface Defect {
  name: string;
  file: string;
  from: string;
  to: string;
  expected: string[];
}

const defects: Defect[] = [
  {
    name: 'an unknown pillar',
    file: VN_SG,
    from: HADR,
    to: HADR.replace('pillar: vn-sg-peace-security', 'pillar: vn-sg-nope'),
    expected: [`${VN_SG}: commitment vn-sg-hadr: pillar "vn-sg-nope" is not defined`],
  },
  {
    name: 'a quote not found verbatim',
    file: VN_SG,
    from: 'quote: "cooperation in humanitarian aid and disaster relief"',
    to: 'quote: "cooperation in humanitarian aid and disaster recovery"',
    expected: [
      `${VN_SG}: commitment vn-sg-hadr: provenance[0]: quote is not found verbatim in document "vn-sg-joint-statement-2025"`,
    ],
  },
  {
    name: 'a quote that occurs more than once',
    file: VN_SG,
    from: 'quote: "cooperation in humanitarian aid and disaster relief"',
    to: 'quote: "cooperation"',
    expected: [`${VN_SG}: commitment vn-sg-hadr: provenance[0]: quote occurs`, 'times; lengthen it until it is unique'],
  },
  {
    name: 'a duplicate commitment key in another file',
    file: VN_SG,
    from: '  - key: vn-sg-military-medicine\n',
    to: '  - key: us-sg-climate-partnership\n',
    expected: [
      `${VN_SG}: commitment us-sg-climate-partnership: duplicate key: already defined in partnerships/united-states-singapore.yaml`,
    ],
  },
  {
    name: 'a shared actor defined again in a partnership',
    file: VN_SG,
    from: '\nactors:\n',
    to: '\nactors:\n  - { key: sg-mas, name: "Monetary Authority of Singapore", kind: GOVERNMENT_AGENCY, country: SG }\n',
    expected: [`${VN_SG}: actor sg-mas: duplicate key: already defined in actors.yaml`],
  },
  {
    name: 'an unknown status',
    file: VN_SG,
    from: HADR,
    to: HADR.replace('status: ANNOUNCED', 'status: DONE'),
    expected: [`${VN_SG}: commitment vn-sg-hadr: status: Invalid option: expected one of`, '(got "DONE")'],
  },
  {
    name: 'a wrong sha256',
    file: JOINT_STATEMENT,
    from: JOINT_STATEMENT_SHA,
    to: 'f'.repeat(64),
    expected: [
      `${JOINT_STATEMENT}: document vn-sg-joint-statement-2025: sha256 ${'f'.repeat(64)} does not match ` +
        `001_100c9a3b26ffeb29.txt, whose bytes hash to ${JOINT_STATEMENT_SHA}`,
    ],
  },
  {
    name: 'an impossible date',
    file: VN_SG,
    from: 'deadline: "2050"',
    to: 'deadline: "2050-02-30"',
    expected: [`${VN_SG}: commitment vn-sg-net-zero-2050: deadline: expected a real date`, '(got "2050-02-30")'],
  },
  {
    name: 'an unknown field',
    file: VN_SG,
    from: HADR,
    to: `${HADR}\n    priority: high`,
    expected: [`${VN_SG}: commitment vn-sg-hadr: Unrecognized key: "priority"`],
  },
];

let seeded: Record<string, string>;

const suite = useTestDatabase({
  prepare: async (own) => {
    await own.seed(SEEDS_DIR);
    seeded = await snapshot(own.database.pool);
  },
});
const seeds = useSeedsCopy();

/** What `npm run db:seed` does after migrating: load, then apply. */
const seedFrom = (dir: string) => suite.seed(dir);

const failure = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
};

describe('a bad dataset', () => {
  it.each(defects)('with $name is refused, naming file, item and reason, and writes nothing', async (defect) => {
    await seeds.edit(defect.file, defect.from, defect.to);

    const error = await failure(seedFrom(seeds.dir));

    expect(error).toBeInstanceOf(SeedDatasetError);
    for (const expected of defect.expected) expect(error.message).toContain(expected);
    expect((error as SeedDatasetError).problems).toHaveLength(1);
    expect(await snapshot(suite.database.pool)).toEqual(seeded);
  });

  it('reports every problem at once, an invalid item hiding none of the others', async () => {
    for (const defect of [defects[0]!, defects[4]!, defects[6]!]) await seeds.edit(defect.file, defect.from, defect.to);
    await seeds.edit(VN_SG, '"Military medical cooperation"\n    pillar: vn-sg-peace-security\n    pillarBasis: STATED\n    status: ANNOUNCED',
      '"Military medical cooperation"\n    pillar: vn-sg-peace-security\n    pillarBasis: STATED\n    status: DONE');

    const error = (await failure(loadSeedDataset(seeds.dir))) as SeedDatasetError;

    expect(error.problems).toHaveLength(4);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        defects[0]!.expected[0],
        defects[4]!.expected[0],
        defects[6]!.expected[0],
        expect.stringContaining(`${VN_SG}: commitment vn-sg-military-medicine: status: Invalid option`),
      ]),
    );
  });

  it('that changes the text of a stored document is refused and writes nothing', async () => {
    const dataset = structuredClone(await loadSeedDataset(SEEDS_DIR));
    const document = dataset.documents[0]!;
    document.title = 'A new title that would be written first';
    document.text += '\nA paragraph added later.';
    document.sha256 = 'f'.repeat(64);

    const error = await failure(suite.seed(dataset));

    expect(error).toBeInstanceOf(SeedConflictError);
    expect(error.message).toContain(`document ${document.slug}: the dataset's text`);
    expect(await snapshot(suite.database.pool)).toEqual(seeded);
  });
});

describe('a seed that fails in the database', () => {
  it('rolls back everything it wrote before the failure', async () => {
    const empty = await suite.createDatabase('migrated');
    const before = await snapshot(empty.pool);
    const dataset: SeedDataset = structuredClone(await loadSeedDataset(SEEDS_DIR));
    // Too long for its column: only the database notices, after countries, documents, actors,
    // partnerships and pillars have been written.
    dataset.partnerships.at(-1)!.commitments.at(-1)!.title = 'x'.repeat(301);

    const error = await failure(suite.seed(dataset, empty));

    expect(error.message).toMatch(/too long/i);
    expect(await snapshot(empty.pool)).toEqual(before);
    expect(await new SeedService(empty.prisma).isEmpty()).toBe(true);
  });
});
