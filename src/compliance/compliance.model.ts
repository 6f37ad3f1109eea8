// What the compliance service answers with: plain values, turned into GraphQL objects by compliance/api/.
import type { ComplianceCountsRow } from '../db/compliance';

export enum ComplianceGroupBy {
  PARTNERSHIP = 'PARTNERSHIP',
  PILLAR = 'PILLAR',
  COUNTRY = 'COUNTRY',
  NONE = 'NONE',
}

/** A score rolled up over commitments, as src/db/compliance.ts counts it. */
export type ComplianceScoreRow = ComplianceCountsRow;

export interface ComplianceGroupRow {
  key: string;
  label: string;
  /** The partnership or pillar the group stands for; null for countries and "all". */
  node: { type: 'Partnership' | 'Pillar'; id: number } | null;
  score: ComplianceScoreRow;
}

export interface ComplianceReportRow {
  /** LocalDate. */
  asOf: string;
  groupBy: ComplianceGroupBy;
  overall: ComplianceScoreRow;
  groups: ComplianceGroupRow[];
}
