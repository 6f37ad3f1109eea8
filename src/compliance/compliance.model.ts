// What the compliance service answers with: plain values, turned into GraphQL objects by compliance/api/.

export enum ComplianceGroupBy {
  PARTNERSHIP = 'PARTNERSHIP',
  PILLAR = 'PILLAR',
  COUNTRY = 'COUNTRY',
  NONE = 'NONE',
}

export interface ComplianceScoreRow {
  scored: number;
  compliant: number;
  neutral: number;
  nonCompliant: number;
  averageScore: number | null;
  percentage: number | null;
}

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
