// The loader's derived values: code-point offsets, and the status history later documents imply.
import { loadSeedDataset } from '../../src/seed/seed.loader';
import { SeedDatasetError } from '../../src/seed/seed.problems';
import { locateQuote } from '../../src/source-document/quote-locator';
import { useSeedsCopy } from '../support/seeds';

const VN_SG = 'partnerships/vietnam-singapore.yaml';
const CRIME_AGREEMENT = '(MPS–MHA)"\n    pillar: vn-sg-peace-security\n    pillarBasis: ASSIGNED\n    status: COMPLETED';

const seeds = useSeedsCopy();

describe('locateQuote', () => {
  it('counts code points, as PostgreSQL does, not UTF-16 code units', () => {
    // The emoji is one code point but two UTF-16 code units.
    expect(locateQuote('a😀b – the quote.', 'the quote')).toEqual({ startOffset: 6, endOffset: 15 });
  });

  it('refuses a quote that is missing or ambiguous', () => {
    expect(locateQuote('one two one', 'three')).toBe('is not found verbatim');
    expect(locateQuote('one two one', 'one')).toBe('occurs 2 times; lengthen it until it is unique');
  });
});

describe('status history', () => {
  it('moves a commitment on when a later document reports a new status, effective on its date', async () => {
    await seeds.edit(VN_SG, CRIME_AGREEMENT, CRIME_AGREEMENT.replace('COMPLETED', 'ANNOUNCED'));

    const dataset = await loadSeedDataset(seeds.dir);

    const commitment = dataset.partnerships
      .flatMap((partnership) => partnership.commitments)
      .find((candidate) => candidate.slug === 'vn-sg-transnational-crime-agreement')!;
    expect(commitment.history).toEqual([
      expect.objectContaining({
        fromStatus: null,
        toStatus: 'ANNOUNCED',
        effectiveOn: new Date('2025-03-12'),
        document: 'vn-sg-press-briefing-2025',
      }),
      expect.objectContaining({
        fromStatus: 'ANNOUNCED',
        toStatus: 'COMPLETED',
        effectiveOn: new Date('2025-03-13'),
        document: 'vn-sg-security-talks-2025',
        rationale:
          'Reported as COMPLETED in "Vietnam, Singapore to bring security cooperation on par with new partnership": ' +
          '"The two sides will effectively implement the signed agreements, including the freshly inked deal on cooperation in preventing and fighting transnational crimes"',
      }),
    ]);
    expect(commitment).toMatchObject({
      status: 'COMPLETED',
      statusSince: new Date('2025-03-13'),
      announcedOn: new Date('2025-03-12'),
    });
  });

  it('refuses a mention dated before the ORIGIN', async () => {
    await seeds.edit('documents/004_555434740bb58f88.yaml', 'date: "2025-03-13"', 'date: "2025-03-11"');

    await expect(loadSeedDataset(seeds.dir)).rejects.toThrow(SeedDatasetError);
    await expect(loadSeedDataset(seeds.dir)).rejects.toThrow(
      `${VN_SG}: commitment vn-sg-transnational-crime-agreement: provenance: document "vn-sg-security-talks-2025" ` +
        'is dated before the ORIGIN document "vn-sg-press-briefing-2025"',
    );
  });
});
