// The rows commitments refer to, written before them: countries, source documents, actors, partnerships
// with their parties and milestones, and pillars. Each comes back as the ids of its rows by stable key.
import type { Prisma } from '../generated/prisma/client';
import type { SeedReport } from './seed.counts';
import type { SeedDataset } from './seed.dataset';
import { ids, upsert } from './seed.upsert';

/** Document texts are immutable once stored: provenance added through the API points at offsets in them. */
export class SeedConflictError extends Error {
  override name = 'SeedConflictError';
}

/** The ids the commitments' rows refer to, by the dataset's slugs. */
export interface References {
  documentIds: Map<string, number>;
  actorIds: Map<string, number>;
  partnershipIds: Map<string, number>;
  pillarIds: Map<string, number>;
}

type Tx = Prisma.TransactionClient;

export async function writeReferenceData(tx: Tx, dataset: SeedDataset, report: SeedReport): Promise<References> {
  await countries(tx, dataset, report);
  const documentIds = await documents(tx, dataset, report);
  const actorIds = await actors(tx, dataset, report);
  const partnershipIds = await partnerships(tx, dataset, report);
  await parties(tx, dataset, report, partnershipIds);
  await milestones(tx, dataset, report, partnershipIds, documentIds);
  const pillarIds = await pillars(tx, dataset, report, partnershipIds);
  return { documentIds, actorIds, partnershipIds, pillarIds };
}

async function countries(tx: Tx, { countries }: SeedDataset, report: SeedReport): Promise<void> {
  await upsert(
    report.country,
    countries,
    await tx.country.findMany({ where: { code: { in: countries.map((country) => country.code) } } }),
    (country) => country.code,
    (data) => tx.country.createManyAndReturn({ data }),
    (row, changes) => tx.country.update({ where: { code: row.code }, data: changes }),
  );
}

async function documents(tx: Tx, { documents }: SeedDataset, report: SeedReport): Promise<Map<string, number>> {
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
  const rows = await upsert(
    report.document,
    documents,
    existing,
    (document) => document.slug,
    (data) => tx.sourceDocument.createManyAndReturn({ data }),
    (row, changes) => tx.sourceDocument.update({ where: { id: row.id }, data: changes }),
  );
  return ids(rows);
}

async function actors(tx: Tx, { actors }: SeedDataset, report: SeedReport): Promise<Map<string, number>> {
  const rows = await upsert(
    report.actor,
    actors,
    await tx.actor.findMany({ where: { slug: { in: actors.map((actor) => actor.slug) } } }),
    (actor) => actor.slug,
    (data) => tx.actor.createManyAndReturn({ data }),
    (row, changes) => tx.actor.update({ where: { id: row.id }, data: changes }),
  );
  return ids(rows);
}

async function partnerships(tx: Tx, { partnerships }: SeedDataset, report: SeedReport): Promise<Map<string, number>> {
  const rows = await upsert(
    report.partnership,
    partnerships.map(({ slug, name, description, level }) => ({ slug, name, description, level })),
    await tx.partnership.findMany({ where: { slug: { in: partnerships.map((partnership) => partnership.slug) } } }),
    (partnership) => partnership.slug,
    (data) => tx.partnership.createManyAndReturn({ data }),
    (row, changes) => tx.partnership.update({ where: { id: row.id }, data: changes }),
  );
  return ids(rows);
}

async function parties(tx: Tx, dataset: SeedDataset, report: SeedReport, partnershipIds: Map<string, number>): Promise<void> {
  const wanted = dataset.partnerships.flatMap((partnership) =>
    partnership.parties.map((countryCode) => ({ partnershipId: partnershipIds.get(partnership.slug)!, countryCode })),
  );
  await upsert(
    report.partnershipParty,
    wanted,
    await tx.partnershipParty.findMany({ where: { partnershipId: { in: [...partnershipIds.values()] } } }),
    (party) => `${party.partnershipId}:${party.countryCode}`,
    (data) => tx.partnershipParty.createManyAndReturn({ data }),
    // Both columns are the key: a party is either there or not.
    async (row) => row,
  );
}

async function milestones(
  tx: Tx,
  dataset: SeedDataset,
  report: SeedReport,
  partnershipIds: Map<string, number>,
  documentIds: Map<string, number>,
): Promise<void> {
  const wanted = dataset.partnerships.flatMap((partnership) =>
    partnership.milestones.map(({ document, ...milestone }) => ({
      ...milestone,
      partnershipId: partnershipIds.get(partnership.slug)!,
      sourceDocumentId: documentIds.get(document)!,
    })),
  );
  await upsert(
    report.milestone,
    wanted,
    await tx.partnershipMilestone.findMany({ where: { partnershipId: { in: [...partnershipIds.values()] } } }),
    // The table's own unique key: a partnership reaches a kind of milestone once on a given date.
    (milestone) => `${milestone.partnershipId}:${milestone.kind}:${milestone.occurredOn.toISOString()}`,
    (data) => tx.partnershipMilestone.createManyAndReturn({ data }),
    (row, changes) => tx.partnershipMilestone.update({ where: { id: row.id }, data: changes }),
  );
}

async function pillars(tx: Tx, dataset: SeedDataset, report: SeedReport, partnershipIds: Map<string, number>): Promise<Map<string, number>> {
  const wanted = dataset.partnerships.flatMap((partnership) =>
    partnership.pillars.map((pillar) => ({ ...pillar, partnershipId: partnershipIds.get(partnership.slug)! })),
  );
  const rows = await upsert(
    report.pillar,
    wanted,
    await tx.pillar.findMany({ where: { slug: { in: wanted.map((pillar) => pillar.slug) } } }),
    (pillar) => pillar.slug,
    (data) => tx.pillar.createManyAndReturn({ data }),
    (row, changes) => tx.pillar.update({ where: { id: row.id }, data: changes }),
  );
  return ids(rows);
}
