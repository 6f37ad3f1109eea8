// The extractor's rules, each on a short text written for it. Pure: no database, no network.
import fc from 'fast-check';
import type { ExtractionContext } from '../../src/extraction/extraction.types';
import { extractCandidates } from '../../src/extraction/extractor';

const context: ExtractionContext = {
  publishedOn: '2024-03-27',
  parties: [
    { code: 'VN', names: ['Viet Nam', 'Vietnam'] },
    { code: 'SG', names: ['Singapore'] },
  ],
  actors: [
    { id: 1, name: 'Ministry of Public Security (MPS)', aliases: [] },
    { id: 2, name: 'Monetary Authority of Singapore', aliases: ['MAS'] },
    { id: 3, name: 'Asian Development Bank', aliases: ['ADB'] },
  ],
  pillars: [
    { id: 10, name: 'Energy and green growth', texts: ['Cross-border electricity trading and offshore wind power exports'] },
    { id: 20, name: 'Digital economy', texts: ['Cooperation on submarine cables and cross-border data flows'] },
  ],
  existing: [{ id: 500, text: 'Cooperation on carbon credits', quotes: ['cooperating on carbon credits in line with Article 6 of the Paris Agreement'] }],
};

const extract = (text: string, overrides: Partial<ExtractionContext> = {}) => extractCandidates(text, { ...context, ...overrides });
const quotes = (text: string) => extract(text).map((proposal) => proposal.quote);

describe('commitment detection', () => {
  it('proposes sentences with modal and commissive language and leaves statements of fact, forecasts and stances', () => {
    const text =
      'Viet Nam and Singapore have enjoyed 50 years of relations. Singapore will build a training centre in Hanoi. ' +
      'The two sides pledged to deepen cooperation in education. Both ministers look forward to the next dialogue in Hanoi. ' +
      'The weather in Singapore was warm. Minister Lee expressed his belief that ties will keep growing. ' +
      'The leaders reaffirmed ASEAN’s consistent stance on the East Sea.';
    expect(quotes(text)).toEqual([
      'Singapore will build a training centre in Hanoi.',
      'The two sides pledged to deepen cooperation in education.',
      'Both ministers look forward to the next dialogue in Hanoi.',
    ]);
  });

  it('reads reported speech in news reports', () => {
    const text = 'Minister Quang affirmed that Viet Nam will host the next round of talks. The two leaders agreed to open a new consulate in Da Nang.';
    const proposals = extract(text);
    expect(proposals.map((proposal) => proposal.quote)).toEqual([
      'Minister Quang affirmed that Viet Nam will host the next round of talks.',
      'The two leaders agreed to open a new consulate in Da Nang.',
    ]);
    expect(proposals[1]!.actors).toEqual([
      { name: 'VN', actorId: null, role: 'PARTY' },
      { name: 'SG', actorId: null, role: 'PARTY' },
    ]);
  });

  it('marks negated undertakings', () => {
    const [willNot, agreedNot, plain] = extract(
      'Singapore will not impose export duties on rice. The two sides agreed not to deploy weapons in the area. Viet Nam will open its market.',
    );
    expect([willNot!.negated, agreedNot!.negated, plain!.negated]).toEqual([true, true, false]);
  });

  it('gives the status the text states: signed and launched are done, under way is in progress, promised is announced', () => {
    const statuses = extract(
      'The MAS and the State Bank of Vietnam signed a memorandum on fintech. The MPS is providing training to Singapore police. ' +
        'The two sides will set up a joint committee. The ADB launched a green finance facility for Viet Nam.',
    ).map((proposal) => proposal.status);
    expect(statuses).toEqual(['COMPLETED', 'IN_PROGRESS', 'ANNOUNCED', 'COMPLETED']);
  });
});

describe('segmentation', () => {
  it('takes bullet lists, numbered paragraphs and labelled items, and skips headings and captions', () => {
    const text = [
      'ENERGY COOPERATION',
      'Minister Tan (left) is welcomed by Minister Lan (right) in Hanoi. Photo: VNA',
      '1. The two sides agreed to expand trade in clean energy.',
      'The two sides agreed on the following:',
      '- Establishing a joint working group on offshore wind',
      '- Developing a regional power grid by 2030',
      'Digital Ties: Singapore will train 500 Vietnamese engineers in cybersecurity.',
    ].join('\n');
    expect(quotes(text)).toEqual([
      'The two sides agreed to expand trade in clean energy.',
      'Establishing a joint working group on offshore wind',
      'Developing a regional power grid by 2030',
      'Singapore will train 500 Vietnamese engineers in cybersecurity.',
    ]);
  });

  it('keeps abbreviations inside their sentence', () => {
    expect(quotes('The U.S. Department of State will fund a new program in Washington, D.C. next year. Mr. Lee will attend.')).toEqual([
      'The U.S. Department of State will fund a new program in Washington, D.C. next year.',
      'Mr. Lee will attend.',
    ]);
  });

  it('splits a sentence holding several distinct undertakings into clauses and keeps one undertaking whole', () => {
    expect(
      quotes('The two leaders agreed to upgrade the port of Hai Phong, establish a data sandbox in VSIP and expand the aviation agreement.'),
    ).toEqual(['The two leaders agreed to upgrade the port of Hai Phong', 'establish a data sandbox in VSIP', 'expand the aviation agreement.']);
    expect(quotes('Singapore will help Viet Nam respond to the climate crisis by increasing climate finance, developing standards, and sharing data.')).toHaveLength(1);
    expect(
      quotes('The two sides agreed to cooperate in the following areas: promoting QR code payments; linking stock markets; supporting smart cities.'),
    ).toEqual(['promoting QR code payments', 'linking stock markets', 'supporting smart cities.']);
  });

  it('slices every proposal exactly out of the text, whatever the text', () => {
    const pieces = [
      'The two sides will ', 'agreed to ', 'shall not ', 'promote trade', ', ', '; ', ' and ', '.\n', '\n- ', '(ii) ', 'US$4 million',
      'by 2030', 'Viet Nam', 'Singapore’s Ministry of Home Affairs', 'signed an MoU', ', which ', 'including ', 'Label: ', '😀 ', ' ',
      'date 2025-01-01 ', '\nSee more\n', ', where ', 'calling on ', ' to enhance ', 'pillars: ', 'promotion of ', 'will further ',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        for (const proposal of extractCandidates(text, context)) {
          expect(text.slice(proposal.start, proposal.end)).toBe(proposal.quote);
          expect(proposal.quote.trim()).toBe(proposal.quote);
          expect(proposal.confidence).toBeGreaterThanOrEqual(0);
          expect(proposal.confidence).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('one undertaking, several, or none', () => {
  it('keeps the purposes of one instrument with it, and splits the undertakings a commissive verb lists', () => {
    expect(quotes('The two central banks signed a memorandum of understanding to expand payment links, strengthen supervision and support fintech start-ups in the region.')).toEqual([
      'The two central banks signed a memorandum of understanding to expand payment links, strengthen supervision and support fintech start-ups in the region.',
    ]);
    expect(quotes('The ministries will work together to restore the wetlands and increase fish stocks, by planting mangroves and training fishers.')).toHaveLength(1);
    expect(quotes('The two sides agreed to expand payment links, strengthen banking supervision and support fintech start-ups.')).toEqual([
      'The two sides agreed to expand payment links',
      'strengthen banking supervision',
      'support fintech start-ups.',
    ]);
  });

  it('splits off a relative clause that undertakes something of its own', () => {
    expect(quotes('The ministries will open a joint research centre, where both sides intend to train engineers in offshore wind.')).toEqual([
      'The ministries will open a joint research centre',
      'both sides intend to train engineers in offshore wind.',
    ]);
  });

  it('keeps a list of nouns naming the pillars or areas of one undertaking whole, and splits a list of actions', () => {
    expect(quotes('The new fund will support cooperation built on three pillars: clean energy; digital trade; public health.')).toEqual([
      'The new fund will support cooperation built on three pillars: clean energy; digital trade; public health.',
    ]);
    expect(quotes('The two sides agreed on three areas: expand digital trade; build port capacity; train more nurses.')).toEqual([
      'expand digital trade',
      'build port capacity',
      'train more nurses.',
    ]);
  });

  it('does not split two verbs that share one object', () => {
    expect(quotes('The two ministries pledged to continue to review and update the visa rules, and coordinate to resolve consular cases quickly.')).toEqual([
      'The two ministries pledged to continue to review and update the visa rules',
      'coordinate to resolve consular cases quickly.',
    ]);
    expect(quotes('Singapore will help by designing and operating a regional data centre.')).toHaveLength(1);
  });

  it('splits two actions named by nouns with their objects', () => {
    expect(quotes('The two sides agreed on the following:\n- promotion of farm exports and further expansion of cold-chain logistics')).toEqual([
      'promotion of farm exports',
      'further expansion of cold-chain logistics',
    ]);
  });

  it('leaves calls on other parties and forecasts of what a thing will bring', () => {
    const text =
      'The ministers called for restraint by all claimants in the region. The two sides reaffirmed the need to keep talking, calling on all parties to avoid escalation. ' +
      'This agreement will further deepen trade ties, the minister said. These measures are timely and will further lift investment. ' +
      'The two ministries will further expand student exchanges.';
    expect(quotes(text)).toEqual(['The two ministries will further expand student exchanges.']);
  });

  it('skips scraping residue before the first words and the teasers of other articles after the end of the article', () => {
    const text =
      'date 2024-05-01 The ministries will sign a customs agreement in June.\n\nSee more\n\nMalaysia and Thailand will build a rail link.\nRelated news\n';
    expect(quotes(text)).toEqual(['The ministries will sign a customs agreement in June.']);
    expect(quotes('The two sides will open a consulate.\nRelated news\nThe two sides will hold a summit in May.')).toEqual(['The two sides will open a consulate.']);
  });
});

describe('actors', () => {
  it('finds known actors by name, alias and acronym, lead and supporting roles, and unknown ministries', () => {
    const [proposal] = extract(
      'A fintech sandbox led by the MAS will be set up with the support of the Asian Development Bank and the Ministry of Finance of Viet Nam.',
    );
    expect(proposal!.actors).toEqual([
      { name: 'Monetary Authority of Singapore', actorId: 2, role: 'LEAD' },
      { name: 'Asian Development Bank', actorId: 3, role: 'SUPPORTING' },
      { name: 'Ministry of Finance of Viet Nam', actorId: null, role: 'SUPPORTING' },
      { name: 'VN', actorId: null, role: 'PARTY' },
    ]);
  });

  it('gives a clause split off a sentence the subject of that sentence', () => {
    const proposals = extract('The MPS will train border guards, open a forensic laboratory and share data on drug trafficking.');
    expect(proposals).toHaveLength(3);
    for (const proposal of proposals) expect(proposal.actors[0]).toEqual({ name: 'Ministry of Public Security (MPS)', actorId: 1, role: 'LEAD' });
  });
});

describe('deadlines', () => {
  const deadlineOf = (text: string) => extract(text)[0]!.deadline;

  it('reads years, months and days, and periods counted from publication', () => {
    expect(deadlineOf('Viet Nam will reach net zero emissions by 2050.')).toEqual({ date: '2050-01-01', precision: 'YEAR', text: 'by 2050' });
    expect(deadlineOf('The two sides will sign the treaty by June 2025.')).toEqual({ date: '2025-06-01', precision: 'MONTH', text: 'by June 2025' });
    expect(deadlineOf('Singapore will open the centre before 15 September 2024.')).toEqual({
      date: '2024-09-15',
      precision: 'DAY',
      text: 'before 15 September 2024',
    });
    expect(deadlineOf('The two sides will complete the study within two years.')).toEqual({ date: '2026-03-27', precision: 'DAY', text: 'within two years' });
  });

  it('does not take past dates of history for deadlines', () => {
    expect(deadlineOf('The two sides will implement the agreement signed in 2023.')).toBeNull();
    expect(deadlineOf('The two sides will implement the agreement signed in October 2023.')).toBeNull();
  });
});

describe('amounts', () => {
  it('reads sums with their currency and scale', () => {
    const [proposal] = extract(
      'EXIM will provide US$500 million, Singapore will add S$1.5 billion, SGD 20,000 and 3 trillion VND, and the ADB pledged $4 million.',
    );
    expect(proposal!.amounts).toEqual([
      { value: 500_000_000, currency: 'USD', text: 'US$500 million' },
      { value: 1_500_000_000, currency: 'SGD', text: 'S$1.5 billion' },
      { value: 20_000, currency: 'SGD', text: 'SGD 20,000' },
      { value: 3e12, currency: 'VND', text: '3 trillion VND' },
      { value: 4_000_000, currency: 'USD', text: '$4 million' },
    ]);
  });
});

describe('pillars and restatements', () => {
  it('suggests the pillar sharing the most words with its name and commitments, and none when nothing is shared', () => {
    const [wind, cables, unrelated] = extract(
      'The two sides will promote offshore wind power trading. Singapore will invest in submarine cables and data flows. The two sides will hold a football match.',
    );
    expect([wind!.pillarId, cables!.pillarId, unrelated!.pillarId]).toEqual([10, 20, null]);
  });

  it('proposes the existing commitment a clause states again, above the threshold only', () => {
    const [again, fresh] = extract('The two sides will continue cooperating on carbon credits under Article 6 of the Paris Agreement. Singapore will build a new port.');
    expect(again!.restates).toEqual({ commitmentId: 500, similarity: expect.any(Number) });
    expect(again!.restates!.similarity).toBeGreaterThan(0.5);
    expect(fresh!.restates).toBeNull();
  });
});
