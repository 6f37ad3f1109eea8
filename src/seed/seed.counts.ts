// What a seed run wrote, per kind of row: the report printed by `npm run db:seed` and read by the tests.
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

export function emptySeedReport(): SeedReport {
  return Object.fromEntries(SEED_ENTITIES.map((entity) => [entity, { created: 0, updated: 0, unchanged: 0 }])) as SeedReport;
}
