// Writes a resolved seed dataset to the database, idempotently (see seed.upsert.ts): the rows commitments
// refer to first (seed.reference-writer.ts), then the commitments with their children and history
// (seed.commitment-writer.ts), all in one transaction.
import { lockSeeding } from '../db/seed.sql';
import { WriteUnit } from '../idempotency/write-unit';
import type { PrismaClient } from '../generated/prisma/client';
import { writeCommitments } from './seed.commitment-writer';
import { emptySeedReport, type SeedReport } from './seed.counts';
import type { SeedDataset } from './seed.dataset';
import { writeReferenceData } from './seed.reference-writer';

export interface SeedServiceOptions {
  /** Prisma's default of 5 s is too short for a first seed on a slow machine. */
  transactionTimeoutMs?: number;
}

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
    return new WriteUnit(this.prisma).transaction(
      { operation: 'seed', timeoutMs: this.options.transactionTimeoutMs ?? 120_000, maxWaitMs: 30_000 },
      async (tx) => {
        await lockSeeding(tx);
        const report = emptySeedReport();
        const refs = await writeReferenceData(tx, dataset, report);
        await writeCommitments(tx, dataset, refs, report);
        return report;
      },
    );
  }
}
