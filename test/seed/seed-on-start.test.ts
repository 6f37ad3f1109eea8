import { useTestDatabase } from '../support/fixture';

const suite = useTestDatabase();

const COUNTS = '{ partnerships { slug pillars { slug } } }';

describe('seeding on start', () => {
  it('seeds an empty database, and leaves a non-empty one alone on the next start', async () => {
    const first = await suite.startServer({ SEED_ON_START: 'true' });
    const seeded = await first.graphql(COUNTS);
    await first.stop();
    expect(seeded.body.data!.partnerships.map((p: { slug: string }) => p.slug)).toEqual([
      'united-states-singapore',
      'united-states-vietnam',
      'vietnam-singapore',
    ]);
    expect(seeded.body.data!.partnerships.flatMap((p: { pillars: unknown[] }) => p.pillars)).toHaveLength(16);

    const second = await suite.startServer({ SEED_ON_START: 'true' });
    const again = await second.graphql(COUNTS);
    await second.stop();
    expect(again.body).toEqual(seeded.body);
  });

  it('does not seed when SEED_ON_START is false', async () => {
    const empty = await suite.createDatabase('migrated');
    const server = await suite.startServer({ SEED_ON_START: 'false' }, { url: empty.url });
    const { body } = await server.graphql(COUNTS);
    await server.stop();
    expect(body).toEqual({ data: { partnerships: [] } });
  });
});
