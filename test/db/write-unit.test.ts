// The write unit and the unique-violation helper against real PostgreSQL: what every write relies on.
import { principalOf, type AuthenticatedViewer } from '../../src/auth/viewer';
import { ConflictError } from '../../src/common/errors';
import { conflictOnUnique } from '../../src/common/unique-violation';
import { WriteUnit, type Transaction } from '../../src/idempotency/write-unit';
import { useTestDatabase } from '../support/fixture';

const suite = useTestDatabase();
const viewer: AuthenticatedViewer = { kind: 'API_KEY', id: '1', name: 'Editor', role: 'EDITOR' };
const prisma = () => suite.database.prisma;

async function countries(): Promise<string[]> {
  return (await prisma().country.findMany({ orderBy: { code: 'asc' } })).map((row) => row.code);
}

describe('the write unit', () => {
  it('commits a write without a key as one transaction, and rolls all of it back when it fails', async () => {
    const writes = new WriteUnit(prisma());
    await writes.transaction({ operation: 'test' }, (tx) => tx.country.create({ data: { code: 'AA', name: 'A' } }));
    await expect(
      writes.transaction({ operation: 'test' }, async (tx) => {
        await tx.country.create({ data: { code: 'AB', name: 'B' } });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await countries()).toEqual(['AA']);
  });

  it('runs a write with a key once, and replays its result for the same input', async () => {
    const writes = new WriteUnit(prisma());
    const request = { principal: principalOf(viewer), operation: 'test', key: 'k-1', input: { code: 'AC' } };
    const work = jest.fn((tx: Transaction) => tx.country.create({ data: { code: 'AC', name: 'C' } }));
    const first = await writes.transaction(request, work);
    const second = await writes.transaction(request, work);
    expect(second).toEqual(first);
    expect(work).toHaveBeenCalledTimes(1);
    await expect(writes.transaction({ ...request, input: { code: 'AD' } }, work)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'idempotencyKey "k-1" was already used for a different input; use a new key for a new request',
      field: ['input', 'idempotencyKey'],
    });
  });
});

describe('conflictOnUnique', () => {
  it('turns a unique violation into a ConflictError naming the field, and leaves other errors alone', async () => {
    await prisma().country.create({ data: { code: 'BA', name: 'Taken' } });
    const clash = conflictOnUnique(prisma().country.create({ data: { code: 'BA', name: 'Again' } }), 'code "BA" is taken', ['input', 'code']);
    await expect(clash).rejects.toThrow(ConflictError);
    await expect(clash).rejects.toMatchObject({ code: 'CONFLICT', message: 'code "BA" is taken', field: ['input', 'code'] });
    const other = conflictOnUnique(Promise.reject(new Error('not a clash')), 'unused', ['input']);
    await expect(other).rejects.toThrow('not a clash');
    await expect(conflictOnUnique(prisma().country.create({ data: { code: 'BB', name: 'Free' } }), 'unused', ['input'])).resolves.toMatchObject({ code: 'BB' });
  });
});
