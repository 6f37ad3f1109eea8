// The names the documents use for the parties besides the one countries.yaml gives: the seeds' measure and
// ingestion hand the extractor the same names, so that a document is read alike whichever way it came in.
export const PARTY_NAMES: Record<string, string[]> = {
  US: ['United States', 'U.S.', 'US', 'America', 'Washington'],
  VN: ['Viet Nam', 'Vietnam', 'Hanoi'],
  SG: ['Singapore'],
};

/** Every name of a party: its country's name, the names above, and its code. */
export function partyNames(code: string, countryName: string): string[] {
  return [...new Set([countryName, ...(PARTY_NAMES[code] ?? [])])];
}
