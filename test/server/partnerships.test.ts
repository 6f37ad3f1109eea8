import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';

const suite = useTestServer({
  prepare: async ({ database: { prisma } }) => {
    await prisma.country.createMany({ data: [{ code: 'SG', name: 'Singapore' }, { code: 'VN', name: 'Viet Nam' }] });
    await prisma.partnership.create({
      data: {
        slug: 'vietnam-singapore',
        name: 'Vietnam–Singapore Comprehensive Strategic Partnership',
        level: 'COMPREHENSIVE_STRATEGIC_PARTNERSHIP',
        parties: { create: [{ countryCode: 'VN' }, { countryCode: 'SG' }] },
        pillars: {
          create: [
            { slug: 'vn-sg-economic', position: 2, name: 'Economic cooperation' },
            { slug: 'vn-sg-security', position: 1, name: 'Peace and security' },
          ],
        },
      },
    });
  },
});

describe('partnerships over HTTP', () => {
  it('answers { partnerships { name } } from the database', async () => {
    const { status, body } = await suite.server.graphql('{ partnerships { name } }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { partnerships: [{ name: 'Vietnam–Singapore Comprehensive Strategic Partnership' }] } });
  });

  it('returns parties and pillars in order', async () => {
    const { body } = await suite.server.graphql('{ partnerships { level parties { code } pillars { position slug } } }');
    expect(body.data!.partnerships).toEqual([
      {
        level: 'COMPREHENSIVE_STRATEGIC_PARTNERSHIP',
        parties: [{ code: 'SG' }, { code: 'VN' }],
        pillars: [{ position: 1, slug: 'vn-sg-security' }, { position: 2, slug: 'vn-sg-economic' }],
      },
    ]);
  });

  it('finds a partnership by slug and by global ID, and the same object through node()', async () => {
    const bySlug = await suite.server.graphql('{ partnership(slug: "vietnam-singapore") { id databaseId slug } }');
    const { id, databaseId } = bySlug.body.data!.partnership;
    expect(id).toBe(toGlobalId('Partnership', databaseId));
    const byId = await suite.server.graphql('query ($id: ID!) { partnership(id: $id) { slug } node(id: $id) { id ... on Partnership { slug } } }', { id });
    expect(byId.body.data).toEqual({ partnership: { slug: 'vietnam-singapore' }, node: { id, slug: 'vietnam-singapore' } });
  });

  it('gives null for an unknown slug and for a well-formed ID that names nothing', async () => {
    const { body } = await suite.server.graphql('query ($id: ID!) { partnership(slug: "atlantis") { id } node(id: $id) { id } }', {
      id: toGlobalId('Partnership', 999999),
    });
    expect(body).toEqual({ data: { partnership: null, node: null } });
  });

  it('refuses a partnership query with neither or both of slug and id', async () => {
    const { body } = await suite.server.graphql('{ partnership { id } }');
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toMatch(/exactly one of slug and id/);
  });

  it('rejects an ID of another type with BAD_USER_INPUT naming the argument', async () => {
    const { body } = await suite.server.graphql(`{ partnership(id: "${toGlobalId('Pillar', 1)}") { id } }`);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['id'] });
  });

  it('reports liveness and readiness', async () => {
    const health = await fetch(`${suite.server.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${suite.server.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, database: 'up' });
  });
});
