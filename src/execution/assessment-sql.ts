// The compilers of party assessments and measurable targets, and the Commitment fields that reach them:
// the same rows, orders and progress arithmetic as db/party-assessment.sql.ts and db/target.sql.ts, which
// the resolvers' services read through.
import { dateTime, globalId, type OrderTerm, raw, sql } from '../db/json';
import { latestPartyAssessment } from '../db/party-assessment.sql';
import { columnNames } from '../db/tables/columns';
import { PARTY_ASSESSMENT_COLUMNS } from '../db/tables/party-assessment';
import { COUNTRY_COLUMNS } from '../db/tables/partnership';
import { TARGET_COLUMNS, TARGET_READING_COLUMNS } from '../db/tables/target';
import { decimalText, targetMetSql, targetProgressSql } from '../db/target.sql';
import { asc, at, col, embedded, node, timestamps, toMany, toOne, value } from './field-sql';
import type { FieldCompiler } from './planner';

const CO = columnNames(COUNTRY_COLUMNS);
const PAS = columnNames(PARTY_ASSESSMENT_COLUMNS);
const TG = columnNames(TARGET_COLUMNS);
const TR = columnNames(TARGET_READING_COLUMNS);

const desc = (...columns: string[]) => (alias: string): OrderTerm[] => columns.map((column) => ({ expression: at(alias, column), direction: 'DESC' }));
/** A target's readings, newest first, as TargetService#readingsOf orders them. */
const READINGS_NEWEST_FIRST = desc(TR.observedOn, TR.id);

/** Commitment.partyAssessments (each party's latest, by country code), partyAssessmentHistory (newest first) and targets (as added). */
export const commitmentAssessmentFields: Record<string, FieldCompiler> = {
  partyAssessments: toMany(
    'PartyAssessment',
    'party_assessment',
    'pa',
    (pa, c) => `${pa}.${PAS.commitmentId} = ${c}.id AND ${latestPartyAssessment(pa)}`,
    asc(PAS.countryCode),
  ),
  partyAssessmentHistory: toMany('PartyAssessment', 'party_assessment', 'pa', (pa, c) => `${pa}.${PAS.commitmentId} = ${c}.id`, desc(PAS.assessedAt, PAS.id)),
  targets: toMany('CommitmentTarget', 'commitment_target', 'tg', (tg, c) => `${tg}.${TG.commitmentId} = ${c}.id`, asc(TG.id)),
};

export const partyAssessment: Record<string, FieldCompiler> = {
  id: value((row) => globalId('PartyAssessment', at(row, PAS.id))),
  databaseId: col(PAS.id),
  countryCode: col(PAS.countryCode),
  country: toOne('Country', 'country', 'co', (co, pa) => `${co}.${CO.code} = ${pa}.${PAS.countryCode}`, CO.code),
  status: col(PAS.status),
  score: col(PAS.score),
  rationale: col(PAS.rationale),
  // The evidence and author columns are named as status_change's, which EvidenceReference and Author read.
  evidence: embedded('EvidenceReference', (row) => raw(`(${row}.${PAS.evidenceUrl} IS NOT NULL OR ${row}.${PAS.evidenceDocumentId} IS NOT NULL)`)),
  assessedAt: value((row) => dateTime(at(row, PAS.assessedAt))),
  author: embedded('Author'),
};

export const target: Record<string, FieldCompiler> = {
  ...node('CommitmentTarget'),
  description: col(TG.description),
  unit: col(TG.unit),
  baseline: value((row) => decimalText(`${row}.${TG.baseline}`)),
  targetValue: value((row) => decimalText(`${row}.${TG.targetValue}`)),
  dueOn: col(TG.dueOn),
  progress: value((row) => targetProgressSql(row)),
  met: value((row) => targetMetSql(row)),
  ...timestamps(TG),
  readings: toMany('TargetReading', 'target_reading', 'tr', (tr, tg) => `${tr}.${TR.targetId} = ${tg}.id`, READINGS_NEWEST_FIRST),
  latestReading: toOne(
    'TargetReading',
    'target_reading',
    'tr',
    (tr, tg) => `${tr}.id = (SELECT r.id FROM target_reading r WHERE r.${TR.targetId} = ${tg}.id ORDER BY r.${TR.observedOn} DESC, r.id DESC LIMIT 1)`,
  ),
  commitment: toOne('Commitment', 'commitment', 'cm', (cm, tg) => `${cm}.id = ${tg}.${TG.commitmentId}`),
};

export const targetReading: Record<string, FieldCompiler> = {
  id: value((row) => globalId('TargetReading', at(row, TR.id))),
  databaseId: col(TR.id),
  value: value((row) => decimalText(`${row}.${TR.value}`)),
  observedOn: col(TR.observedOn),
  sourceUrl: col(TR.sourceUrl),
  sourceDocumentId: value((row) => sql`CASE WHEN ${at(row, TR.sourceDocumentId)} IS NOT NULL THEN ${globalId('SourceDocument', at(row, TR.sourceDocumentId))} END`),
  note: col(TR.note),
  recordedAt: value((row) => dateTime(at(row, TR.recordedAt))),
  author: embedded('Author'),
};
