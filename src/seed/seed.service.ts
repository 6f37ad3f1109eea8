// Writes a resolved seed dataset to the database, idempotently: rows are matched by their stable keys,
// missing ones are created, changed ones updated, and nothing is written when nothing differs (so a
// re-seed leaves versions and updated_at alone). The seed never deletes and never rewrites history: rows
// it does not know about may have been added through the API, so a commitment's actors, amounts, tags and
// provenance are only ever added to or corrected.
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { SeedCommitment, SeedDataset } from './seed.dataset';

export const SEED_ENTITIES = [
  'country',
  'document',
  'actor',
  'partnership',
  'partnershipParty',
  'milestone',
  'pillar',
  'commitment',
  'commitmentActor',
  'commitmentAmount',
  'provenance',
  'statusChange',
] as const;

export type SeedEntity = (typeof SEED_ENTITIES)[number];

export interface SeedCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export type SeedReport = Record<SeedEntity, SeedCounts>;

export interface SeedServiceOptions {
  /** Prisma's default of 5 s is too short for a first seed on a slow machine. */
  transactionTimeoutMs?: number;
}

/** Who the seed's status changes are attributed to. */
export const SEED_AUTHOR = { authorKind: 'SYSTEM', authorId: 'seed' } as const;

/** Document texts are immutable once stored: provenance added through the API points at offsets in them. */
export class SeedConflictError extends Error {
  override name = 'SeedConflictError';
}

// Two processes seeding at once (several servers starting together) take turns instead of racing on
// unique keys; the second then finds everything in place. The number is arbitrary but fixed.
const SEED_LOCK_KEY = 4_242_001;

export class SeedService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: SeedServiceOptions = {},
  ) {}

  /** True when nothing has been seeded (or entered) yet. */
  async isEmpty(): Promise<boolean> {
    const found = await Promise.all([
      this.prisma.country.findFirst({ select: { code: true } }),
      this.prisma.actor.findFirst({ select: { id: true } }),
      this.prisma.sourceDocument.findFirst({ select: { id: true } }),
      this.prisma.partnership.findFirst({ select: { id: true } }),
    ]);
    return found.every((row) => row === null);
  }

  /** Applies the dataset in one transaction: either all of it is written or none of it. */
  apply(dataset: SeedDataset): Promise<SeedReport> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
        return new SeedRun(tx, dataset).run();
      },
      { timeout: this.options.transactionTimeoutMs ?? 120_000, maxWait: 30_000 },
    );
  }
}

type Tx = Prisma.TransactionClient;

class SeedRun {
  private readonly report = Object.fromEntries(
    SEED_ENTITIES.map((entity) => [entity, { created: 0, updated: 0, unchanged: 0 }]),
  ) as SeedReport;

  constructor(
    private readonly tx: Tx,
    private readonly dataset: SeedDataset,
  ) {}

  async run(): Promise<SeedReport> {
    await this.countries();
    const documentIds = await this.documents();
    const actorIds = await this.actors();
    const partnershipIds = await this.partnerships();
    await this.parties(partnershipIds);
    await this.milestones(partnershipIds, documentIds);
    const pillarIds = await this.pillars(partnershipIds);
    await this.commitments({ documentIds, actorIds, partnershipIds, pillarIds });
    return this.report;
  }

  private async countries(): Promise<void> {
    const { tx } = this;
    const { countries } = this.dataset;
    await this.upsert(
      'country',
      countries,
      await tx.country.findMany({ where: { code: { in: countries.map((country) => country.code) } } }),
      (country) => country.code,
      (data) => tx.country.createManyAndReturn({ data }),
      (row, changes) => tx.country.update({ where: { code: row.code }, data: changes }),
    );
  }

  private async documents(): Promise<Map<string, number>> {
    const { tx } = this;
    const { documents } = this.dataset;
    const existing = await tx.sourceDocument.findMany({ where: { slug: { in: documents.map((document) => document.slug) } } });
    for (const row of existing) {
      const wanted = documents.find((document) => document.slug === row.slug)!;
      if (wanted.sha256 !== row.sha256) {
        throw new SeedConflictError(
          `document ${row.slug}: the dataset's text (sha256 ${wanted.sha256}) differs from the stored text ` +
            `(sha256 ${row.sha256}); a stored document never changes, so give the new text a new slug`,
        );
      }
    }
    const rows = await this.upsert(
      'document',
      documents,
      existing,
      (document) => document.slug,
      (data) => tx.sourceDocument.createManyAndReturn({ data }),
      (row, changes) => tx.sourceDocument.update({ where: { id: row.id }, data: changes }),
    );
    return ids(rows);
  }

  private async actors(): Promise<Map<string, number>> {
    const { tx } = this;
    const { actors } = this.dataset;
    const rows = await this.upsert(
      'actor',
      actors,
      await tx.actor.findMany({ where: { slug: { in: actors.map((actor) => actor.slug) } } }),
      (actor) => actor.slug,
      (data) => tx.actor.createManyAndReturn({ data }),
      (row, changes) => tx.actor.update({ where: { id: row.id }, data: changes }),
    );
    return ids(rows);
  }

  private async partnerships(): Promise<Map<string, number>> {
    const { tx } = this;
    const { partnerships } = this.dataset;
    const rows = await this.upsert(
      'partnership',
      partnerships.map(({ slug, name, description, level }) => ({ slug, name, description, level })),
      await tx.partnership.findMany({ where: { slug: { in: partnerships.map((partnership) => partnership.slug) } } }),
      (partnership) => partnership.slug,
      (data) => tx.partnership.createManyAndReturn({ data }),
      (row, changes) => tx.partnership.update({ where: { id: row.id }, data: changes }),
    );
    return ids(rows);
  }

  private async parties(partnershipIds: Map<string, number>): Promise<void> {
    const { tx } = this;
    const wanted = this.dataset.partnerships.flatMap((partnership) =>
      partnership.parties.map((countryCode) => ({ partnershipId: partnershipIds.get(partnership.slug)!, countryCode })),
    );
    await this.upsert(
      'partnershipParty',
      wanted,
      await tx.partnershipParty.findMany({ where: { partnershipId: { in: [...partnershipIds.values()] } } }),
      (party) => `${party.partnershipId}:${party.countryCode}`,
      (data) => tx.partnershipParty.createManyAndReturn({ data }),
      // Both columns are the key: a party is either there or not.
      async (row) => row,
    );
  }

  private async milestones(partnershipIds: Map<string, number>, documentIds: Map<string, number>): Promise<void> {
    const { tx } = this;
    const wanted = this.dataset.partnerships.flatMap((partnership) =>
      partnership.milestones.map(({ document, ...milestone }) => ({
        ...milestone,
        partnershipId: partnershipIds.get(partnership.slug)!,
        sourceDocumentId: documentIds.get(document)!,
      })),
    );
    await this.upsert(
      'milestone',
      wanted,
      await tx.partnershipMilestone.findMany({ where: { partnershipId: { in: [...partnershipIds.values()] } } }),
      // The table's own unique key: a partnership reaches a kind of milestone once on a given date.
      (milestone) => `${milestone.partnershipId}:${milestone.kind}:${milestone.occurredOn.toISOString()}`,
      (data) => tx.partnershipMilestone.createManyAndReturn({ data }),
      (row, changes) => tx.partnershipMilestone.update({ where: { id: row.id }, data: changes }),
    );
  }

  private async pillars(partnershipIds: Map<string, number>): Promise<Map<string, number>> {
    const { tx } = this;
    const wanted = this.dataset.partnerships.flatMap((partnership) =>
      partnership.pillars.map((pillar) => ({ ...pillar, partnershipId: partnershipIds.get(partnership.slug)! })),
    );
    const rows = await this.upsert(
      'pillar',
      wanted,
      await tx.pillar.findMany({ where: { slug: { in: wanted.map((pillar) => pillar.slug) } } }),
      (pillar) => pillar.slug,
      (data) => tx.pillar.createManyAndReturn({ data }),
      (row, changes) => tx.pillar.update({ where: { id: row.id }, data: changes }),
    );
    return ids(rows);
  }

  private async commitments(refs: References): Promise<void> {
    const { tx } = this;
    const wanted = this.dataset.partnerships.flatMap((partnership) =>
      partnership.commitments.map((commitment) => ({ partnership: partnership.slug, commitment })),
    );
    const rows = await tx.commitment.findMany({
      where: { slug: { in: wanted.map(({ commitment }) => commitment.slug) } },
      include: { _count: { select: { statusChanges: true } } },
    });
    // Children are read one table at a time: Prisma runs the queries of a multi-relation include
    // concurrently, which the transaction's single pg connection only queues (and pg 9 will refuse).
    const ofRows = { commitmentId: { in: rows.map((row) => row.id) } };
    const actors = groupBy(await tx.commitmentActor.findMany({ where: ofRows }), (actor) => actor.commitmentId);
    const amounts = groupBy(await tx.commitmentAmount.findMany({ where: ofRows }), (amount) => amount.commitmentId);
    const provenance = groupBy(await tx.provenance.findMany({ where: ofRows }), (mention) => mention.commitmentId);
    const existing = new Map(
      rows.map((row) => [
        row.slug,
        { ...row, actors: actors.get(row.id) ?? [], amounts: amounts.get(row.id) ?? [], provenance: provenance.get(row.id) ?? [] },
      ]),
    );

    const fresh = wanted.filter(({ commitment }) => !existing.has(commitment.slug));
    const created =
      fresh.length === 0
        ? []
        : await tx.commitment.createManyAndReturn({
            data: fresh.map(({ partnership, commitment }) => ({
              ...descriptiveColumns(partnership, commitment, refs),
              slug: commitment.slug,
              tags: commitment.tags,
              status: commitment.status,
              statusSince: commitment.statusSince,
            })),
            select: { id: true, slug: true },
          });
    this.report.commitment.created += created.length;

    const children = new ChildWrites();
    for (const row of created) {
      const commitment = fresh.find((entry) => entry.commitment.slug === row.slug)!.commitment;
      this.planChildren(children, row.id, commitment, refs, { actors: [], amounts: [], provenance: [] });
      this.planHistory(children, row.id, commitment, refs);
    }

    for (const { partnership, commitment } of wanted) {
      const row = existing.get(commitment.slug);
      if (!row) continue;
      const changes: Prisma.CommitmentUncheckedUpdateInput = changedFields(
        descriptiveColumns(partnership, commitment, refs),
        row,
      );
      // Tags are only added: one the seed does not list may have been added by an editor.
      const missingTags = commitment.tags.filter((tag) => !row.tags.includes(tag));
      if (missingTags.length > 0) changes.tags = [...row.tags, ...missingTags];
      const childrenChanged = this.planChildren(children, row.id, commitment, refs, row);
      if (row._count.statusChanges === 0) {
        this.planHistory(children, row.id, commitment, refs);
        changes.status = commitment.status;
        changes.statusSince = commitment.statusSince;
      } else {
        // History exists (seeded earlier or recorded through the API): status and history belong to it.
        this.report.statusChange.unchanged += commitment.history.length;
      }
      if (Object.keys(changes).length === 0 && !childrenChanged) {
        this.report.commitment.unchanged++;
        continue;
      }
      await tx.commitment.update({ where: { id: row.id }, data: { ...changes, version: { increment: 1 } } });
      this.report.commitment.updated++;
    }

    await children.write(tx);
  }

  /** Plans the commitment's actors, amounts and provenance; true when anything is to be written. */
  private planChildren(
    writes: ChildWrites,
    commitmentId: number,
    commitment: SeedCommitment,
    refs: References,
    current: {
      actors: Prisma.CommitmentActorGetPayload<object>[];
      amounts: Prisma.CommitmentAmountGetPayload<object>[];
      provenance: Prisma.ProvenanceGetPayload<object>[];
    },
  ): boolean {
    const actorKey = (actor: { actorId: number }) => String(actor.actorId);
    const actors = plan(
      this.report.commitmentActor,
      byKey(
        commitment.actors.map(({ actor, role }) => ({ commitmentId, actorId: refs.actorIds.get(actor)!, role })),
        actorKey,
      ),
      byKey(current.actors, actorKey),
    );
    const amountKey = (amount: { originalText: string }) => amount.originalText;
    const amounts = plan(
      this.report.commitmentAmount,
      byKey(
        commitment.amounts.map((amount) => ({ ...amount, commitmentId, value: new Prisma.Decimal(amount.value) })),
        amountKey,
      ),
      byKey(current.amounts, amountKey),
    );
    // Seeded provenance is recognised by where its quote starts; other rows are the API's and stay.
    const provenanceKey = (mention: { sourceDocumentId: number; startOffset: number }) =>
      `${mention.sourceDocumentId}:${mention.startOffset}`;
    const provenance = plan(
      this.report.provenance,
      byKey(
        commitment.provenance.map(({ document, ...mention }) => ({
          ...mention,
          commitmentId,
          sourceDocumentId: refs.documentIds.get(document)!,
        })),
        provenanceKey,
      ),
      byKey(current.provenance, provenanceKey),
    );
    writes.actors.create.push(...actors.create);
    writes.actors.update.push(...actors.update);
    writes.amounts.create.push(...amounts.create);
    writes.amounts.update.push(...amounts.update);
    writes.provenance.create.push(...provenance.create);
    writes.provenance.update.push(...provenance.update);
    return [actors, amounts, provenance].some((planned) => planned.create.length + planned.update.length > 0);
  }

  private planHistory(writes: ChildWrites, commitmentId: number, commitment: SeedCommitment, refs: References): void {
    for (const { document, ...change } of commitment.history) {
      writes.history.push({ ...change, ...SEED_AUTHOR, commitmentId, evidenceDocumentId: refs.documentIds.get(document)! });
    }
    this.report.statusChange.created += commitment.history.length;
  }

  /** Creates missing rows and updates changed fields; returns every wanted row as now stored, by key. */
  private async upsert<Data extends object, Row extends object>(
    entity: SeedEntity,
    wanted: Data[],
    existing: Row[],
    keyOf: (item: Data | Row) => string,
    create: (rows: Data[]) => Promise<Row[]>,
    update: (row: Row, changes: Partial<Data>) => Promise<Row>,
  ): Promise<Map<string, Row>> {
    const rows = byKey(existing, keyOf);
    const planned = plan(this.report[entity], byKey(wanted, keyOf), rows);
    for (const { row, changes } of planned.update) rows.set(keyOf(row), await update(row, changes));
    if (planned.create.length > 0) for (const row of await create(planned.create)) rows.set(keyOf(row), row);
    return rows;
  }
}

interface References {
  documentIds: Map<string, number>;
  actorIds: Map<string, number>;
  partnershipIds: Map<string, number>;
  pillarIds: Map<string, number>;
}

function descriptiveColumns(partnership: string, commitment: SeedCommitment, refs: References) {
  return {
    partnershipId: refs.partnershipIds.get(partnership)!,
    pillarId: refs.pillarIds.get(commitment.pillar)!,
    pillarBasis: commitment.pillarBasis,
    title: commitment.title,
    description: commitment.description,
    announcedOn: commitment.announcedOn,
    deadline: commitment.deadline,
    deadlinePrecision: commitment.deadlinePrecision,
  };
}

interface Planned<Data, Row> {
  create: Data[];
  update: { row: Row; changes: Partial<Data> }[];
}

/** Compares wanted rows with stored ones by key and counts the outcome; rows only stored are left alone. */
function plan<Data extends object, Row extends object>(
  counts: SeedCounts,
  wanted: Map<string, Data>,
  stored: Map<string, Row>,
): Planned<Data, Row> {
  const planned: Planned<Data, Row> = { create: [], update: [] };
  for (const [key, data] of wanted) {
    const row = stored.get(key);
    if (!row) {
      planned.create.push(data);
      counts.created++;
      continue;
    }
    const changes = changedFields(data, row);
    if (Object.keys(changes).length === 0) {
      counts.unchanged++;
    } else {
      planned.update.push({ row, changes });
      counts.updated++;
    }
  }
  return planned;
}

function changedFields<Data extends object>(wanted: Data, stored: object): Partial<Data> {
  const changes: Partial<Data> = {};
  for (const [field, value] of Object.entries(wanted) as [keyof Data & string, unknown][]) {
    if (!sameValue(value, (stored as Record<string, unknown>)[field])) changes[field] = value as Data[typeof field];
  }
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Prisma.Decimal.isDecimal(a) || Prisma.Decimal.isDecimal(b)) {
    return Prisma.Decimal.isDecimal(a) && Prisma.Decimal.isDecimal(b) && a.equals(b);
  }
  return (a ?? null) === (b ?? null);
}

/** Child rows of commitments, gathered so that each table gets one INSERT however many commitments change. */
class ChildWrites {
  readonly actors: Planned<Prisma.CommitmentActorCreateManyInput, Prisma.CommitmentActorGetPayload<object>> = {
    create: [],
    update: [],
  };
  readonly amounts: Planned<Prisma.CommitmentAmountCreateManyInput, Prisma.CommitmentAmountGetPayload<object>> = {
    create: [],
    update: [],
  };
  readonly provenance: Planned<Prisma.ProvenanceCreateManyInput, Prisma.ProvenanceGetPayload<object>> = {
    create: [],
    update: [],
  };
  readonly history: Prisma.StatusChangeCreateManyInput[] = [];

  async write(tx: Tx): Promise<void> {
    for (const { row, changes } of this.actors.update) {
      await tx.commitmentActor.update({
        where: { commitmentId_actorId: { commitmentId: row.commitmentId, actorId: row.actorId } },
        data: changes,
      });
    }
    for (const { row, changes } of this.amounts.update) {
      await tx.commitmentAmount.update({ where: { id: row.id }, data: changes });
    }
    for (const { row, changes } of this.provenance.update) {
      await tx.provenance.update({ where: { id: row.id }, data: changes });
    }
    if (this.actors.create.length > 0) await tx.commitmentActor.createMany({ data: this.actors.create });
    if (this.amounts.create.length > 0) await tx.commitmentAmount.createMany({ data: this.amounts.create });
    if (this.provenance.create.length > 0) await tx.provenance.createMany({ data: this.provenance.create });
    if (this.history.length > 0) await tx.statusChange.createMany({ data: this.history });
  }
}

function byKey<T>(items: T[], keyOf: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [keyOf(item), item]));
}

function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

function ids(rows: Map<string, { id: number }>): Map<string, number> {
  return new Map([...rows].map(([key, row]) => [key, row.id]));
}
