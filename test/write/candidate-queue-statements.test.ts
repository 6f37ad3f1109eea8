// The review queue costs the same number of statements for a page of 2 candidates as for a page of 7, with
// every relation selected: each goes through a per-request DataLoader. Counted on the wire.
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { CANDIDATE_FIELDS, INGEST, send } from '../support/ingestion';

const suite = useTestServer({ fixtures: 'write', countStatements: true, apiKeys: { editor: 'EDITOR' } });

const QUEUE = `query ($first: Int!) { commitmentCandidates(first: $first) { totalCount nodes { ${CANDIDATE_FIELDS} document { slug title } } } }`;

it('does not grow with the page size', async () => {
  const text = [
    'Viet Nam will build a port in Hai Phong with the support of the Ministry of Trade and Industry.',
    'Singapore will fund a scholarship programme for Vietnamese students.',
    'The two sides agreed to hold a maritime security dialogue every year.',
    'The two sides will sign an agreement on carbon credits by 2026.',
    'Singapore will open a trade office in Can Tho.',
    'Viet Nam will host a fintech forum in 2026.',
    'The two sides pledged to expand direct flights between the two countries.',
  ].join(' ');
  const ingested = await send(suite.server, INGEST, { input: { title: 'Seven', publishedOn: '2024-03-01', text, partnershipId: toGlobalId('Partnership', suite.fixtures.partnershipId) } }, suite.keys.editor.authorization);
  expect(ingested.data!.ingestDocument.candidates).toHaveLength(7);
  const count = async (first: number) => {
    await suite.server.graphql('{ countries { code } }');
    suite.counter.reset();
    const body = await send(suite.server, QUEUE, { first });
    expect(body.errors).toBeUndefined();
    expect(body.data!.commitmentCandidates.nodes).toHaveLength(first);
    return suite.counter.count();
  };
  const small = await count(2);
  expect(await count(7)).toBe(small);
});
