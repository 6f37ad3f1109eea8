import type { Prisma } from '../generated/prisma/client';
import type { Planned } from './seed.upsert';

/** Child rows of commitments, gathered so that each table gets one INSERT however many commitments change. */
export class ChildWrites {
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

  async write(tx: Prisma.TransactionClient): Promise<void> {
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
