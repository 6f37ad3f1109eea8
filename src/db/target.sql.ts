// Measurable targets in SQL: a target's progress is its latest reading (by observed_on, then the order
// readings were recorded in) placed on the line from its baseline (0) to its target value (1); it is met
// when that reading has reached the target value (at or beyond it, in the target's direction: a reduction
// target, below its baseline, is met at or below it). The reads of both execution paths and follow-through
// counts (status-counts.ts) build on these fragments, so they cannot disagree.
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './prisma';
import type { TargetReadingRow, TargetRow } from './tables/target';

type Client = Pick<PrismaClient, '$queryRaw'>;

/** The value of the latest reading of the target row `target` (alias), observed by `date` (LocalDate) when given; NULL without one. */
export function latestReadingValue(target: string, date?: string): Prisma.Sql {
  const by = date ? Prisma.sql`AND r.observed_on <= ${date}::date` : Prisma.empty;
  return Prisma.sql`(SELECT r.value FROM target_reading r WHERE r.target_id = ${Prisma.raw(target)}.id ${by} ORDER BY r.observed_on DESC, r.id DESC LIMIT 1)`;
}

/**
 * (latest - baseline) / (target - baseline): 0 at the baseline, 1 at the target value, below 0 or above 1
 * when the reading is outside that range (not clamped); NULL without a reading. Exact decimal subtraction,
 * then a float8 division, so that every path prints the same number.
 */
export function targetProgressSql(target: string): Prisma.Sql {
  const t = Prisma.raw(target);
  return Prisma.sql`((${latestReadingValue(target)} - ${t}.baseline)::float8 / (${t}.target_value - ${t}.baseline)::float8)`;
}

/** Whether the target row `target` is met by its latest reading (observed by `date` when given); false without a reading. */
export function targetMetSql(target: string, date?: string): Prisma.Sql {
  const t = Prisma.raw(target);
  const latest = latestReadingValue(target, date);
  return Prisma.sql`coalesce(CASE WHEN ${t}.target_value > ${t}.baseline THEN ${latest} >= ${t}.target_value ELSE ${latest} <= ${t}.target_value END, false)`;
}

/**
 * Whether the commitment `commitmentId` has at least one target met (observed by `date` when given). Not
 * correlated, so PostgreSQL reads the targets once into a hashed subplan instead of probing per commitment:
 * a count over a million commitments costs one pass over the (few) targets.
 */
export function hasTargetMetSql(commitmentId: Prisma.Sql, date?: string): Prisma.Sql {
  return Prisma.sql`${commitmentId} IN (SELECT tm.commitment_id FROM commitment_target tm WHERE ${targetMetSql('tm', date)})`;
}

/** Exact decimal text without trailing zeros: "12.5", not "12.500000". */
export const decimalText = (column: string) => Prisma.raw(`trim_scale(${column})::text`);

const TARGET_SELECT = Prisma.sql`t.id, t.commitment_id AS "commitmentId", t.description, t.unit,
  ${decimalText('t.baseline')} AS baseline, ${decimalText('t.target_value')} AS "targetValue", t.due_on AS "dueOn",
  t.created_at AS "createdAt", t.updated_at AS "updatedAt", ${targetProgressSql('t')} AS progress, ${targetMetSql('t')} AS met`;

const READING_SELECT = Prisma.sql`r.id, r.target_id AS "targetId", ${decimalText('r.value')} AS value, r.observed_on AS "observedOn",
  r.source_url AS "sourceUrl", r.source_document_id AS "sourceDocumentId", r.note, r.recorded_at AS "recordedAt",
  r.author_kind AS "authorKind", r.author_id AS "authorId", r.author_name AS "authorName"`;

/** The targets of the commitments, each commitment's in the order they were added. */
export function targetsOfCommitments(client: Client, commitmentIds: readonly number[]): Promise<TargetRow[]> {
  return client.$queryRaw<TargetRow[]>(Prisma.sql`SELECT ${TARGET_SELECT} FROM commitment_target t
    WHERE t.commitment_id = ANY(${[...commitmentIds]}::int[]) ORDER BY t.commitment_id, t.id`);
}

export function targetsByIds(client: Client, ids: readonly number[]): Promise<TargetRow[]> {
  return client.$queryRaw<TargetRow[]>(Prisma.sql`SELECT ${TARGET_SELECT} FROM commitment_target t WHERE t.id = ANY(${[...ids]}::int[])`);
}

/** The readings of the targets, each target's newest first (by observed_on, then the latest recorded). */
export function readingsOfTargets(client: Client, targetIds: readonly number[]): Promise<TargetReadingRow[]> {
  return client.$queryRaw<TargetReadingRow[]>(Prisma.sql`SELECT ${READING_SELECT} FROM target_reading r
    WHERE r.target_id = ANY(${[...targetIds]}::int[]) ORDER BY r.target_id, r.observed_on DESC, r.id DESC`);
}

export function readingsByIds(client: Client, ids: readonly number[]): Promise<TargetReadingRow[]> {
  return client.$queryRaw<TargetReadingRow[]>(Prisma.sql`SELECT ${READING_SELECT} FROM target_reading r WHERE r.id = ANY(${[...ids]}::int[])`);
}
