// Query.viewer: who the server takes the caller to be, so that a client can offer only what the caller may do.
import { useTestServer } from '../support/fixture';

const suite = useTestServer({ apiKeys: { editor: 'EDITOR', viewer: 'VIEWER' } });
const VIEWER = '{ viewer { kind role name } }';

it('names the role of an API key, and says so when the caller is anonymous', async () => {
  const asEditor = await suite.server.graphql(VIEWER, {}, { authorization: suite.keys.editor.authorization });
  expect(asEditor.body).toEqual({ data: { viewer: { kind: 'API_KEY', role: 'EDITOR', name: expect.any(String) } } });
  const asViewer = await suite.server.graphql(VIEWER, {}, { authorization: suite.keys.viewer.authorization });
  expect(asViewer.body.data?.viewer).toMatchObject({ kind: 'API_KEY', role: 'VIEWER' });
  const anonymous = await suite.server.graphql(VIEWER);
  expect(anonymous.body).toEqual({ data: { viewer: { kind: 'ANONYMOUS', role: null, name: null } } });
});

it('refuses a key it does not know', async () => {
  const { body } = await suite.server.graphql(VIEWER, {}, { authorization: 'Bearer ct_not_a_key_at_all_000000000000' });
  expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});
