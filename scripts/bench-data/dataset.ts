// The dataset's fixed shape: what the SQL generates, and what the checks expect of it.

export const AS_OF = '2026-10-31';
export const PILLARS_PER_PARTNERSHIP = 6;
export const DOCS_PER_PARTNERSHIP = 4;
export const SENTENCES_PER_DOC = 200;
export const HISTORY_PER_COMMITMENT = 5; // exact: see PATHS

export const SIZES = {
  S: { partnerships: 10, commitments: 10_000, actors: 200 },
  L: { partnerships: 100, commitments: 1_000_000, actors: 2_000 },
} as const;
export type Size = keyof typeof SIZES;
