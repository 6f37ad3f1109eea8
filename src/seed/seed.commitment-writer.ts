// The commitments and their children (actors, amounts, provenance, and the status history while there is
// none). The seed never deletes and never rewrites history: rows it does not know about may have been added
// through the API, so a commitment's actors, amounts, tags and provenance are only ever added to or corrected.
import { Prisma } from '../generated/prisma/client';
import { ChildWrites } from './seed.child-writes';
import type { SeedReport } from './seed.counts';
import type { SeedCommitment, SeedDataset } from './seed.dataset';
import { planHistory } from './seed.history-writer';
import type { References } from './seed.reference-writer';
import { byKey, changedFields, groupBy, plan } from './seed.upsert';

type Tx = Prisma.TransactionClient;

export async function writeCommitments(tx: Tx, dataset: SeedDataset, refs: References, report: SeedReport): Promise<void> {
  const wanted = dataset.partnerships.flatMap((partnership) =>
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
  report.commitment.created += created.length;

  const children = new ChildWrites();
  for (const row of created) {
    const commitment = fresh.find((entry) => entry.commitment.slug === row.slug)!.commitment;
    planChildren(children, report, row.id, commitment, refs, { actors: [], amounts: [], provenance: [] });
    planHistory(children, report, row.id, commitment, refs.documentIds);
  }

  for (const { partnership, commitment } of wanted) {
    const row = existing.get(commitment.slug);
    if (!row) continue;
    const changes: Prisma.CommitmentUncheckedUpdateInput = changedFields(descriptiveColumns(partnership, commitment, refs), row);
    // Tags are only added: one the seed does not list may have been added by an editor.
    const missingTags = commitment.tags.filter((tag) => !row.tags.includes(tag));
    if (missingTags.length > 0) changes.tags = [...row.tags, ...missingTags];
    const childrenChanged = planChildren(children, report, row.id, commitment, refs, row);
    if (row._count.statusChanges === 0) {
      planHistory(children, report, row.id, commitment, refs.documentIds);
      changes.status = commitment.status;
      changes.statusSince = commitment.statusSince;
    } else {
      // History exists (seeded earlier or recorded through the API): status and history belong to it.
      report.statusChange.unchanged += commitment.history.length;
    }
    if (Object.keys(changes).length === 0 && !childrenChanged) {
      report.commitment.unchanged++;
      continue;
    }
    await tx.commitment.update({ where: { id: row.id }, data: { ...changes, version: { increment: 1 } } });
    report.commitment.updated++;
  }

  await children.write(tx);
}

/** Plans the commitment's actors, amounts and provenance; true when anything is to be written. */
function planChildren(
  writes: ChildWrites,
  report: SeedReport,
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
    report.commitmentActor,
    byKey(
      commitment.actors.map(({ actor, role }) => ({ commitmentId, actorId: refs.actorIds.get(actor)!, role })),
      actorKey,
    ),
    byKey(current.actors, actorKey),
  );
  const amountKey = (amount: { originalText: string }) => amount.originalText;
  const amounts = plan(
    report.commitmentAmount,
    byKey(
      commitment.amounts.map((amount) => ({ ...amount, commitmentId, value: new Prisma.Decimal(amount.value) })),
      amountKey,
    ),
    byKey(current.amounts, amountKey),
  );
  // Seeded provenance is recognised by where its quote starts; other rows are the API's and stay.
  const provenanceKey = (mention: { sourceDocumentId: number; startOffset: number }) => `${mention.sourceDocumentId}:${mention.startOffset}`;
  const provenance = plan(
    report.provenance,
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
