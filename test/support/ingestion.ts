// The ingestion and review operations as the tests send them, and a short text written for them.
import type { TestServer } from './test-server';

export const CANDIDATE_FIELDS = `id databaseId documentId quote startOffset endOffset title proposedStatus negated confidence proposal state
  decidedAt decidedBy { kind id name } rejectionReason
  actors { name role actor { id } } deadline { date precision text } amounts { value currency text }
  suggestedPillar { id } restates { commitmentId similarity commitment { id } } commitment { id title } provenance { id role quote startOffset endOffset }`;

export const INGEST = `mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) {
  sourceDocument { id databaseId slug title publisher kind publishedOn sha256 text }
  candidates { ${CANDIDATE_FIELDS} }
  userErrors { field message code } } }`;

const DECISION = (name: string, input: string) => `mutation ($input: ${input}!) { ${name}(input: $input) {
  candidate { ${CANDIDATE_FIELDS} } commitment { id title status pillar { id } } provenance { id role quote reportedStatus }
  userErrors { field message code } } }`;

export const ACCEPT = DECISION('acceptCandidate', 'AcceptCandidateInput');
export const REJECT = DECISION('rejectCandidate', 'RejectCandidateInput');
export const MERGE = DECISION('mergeCandidate', 'MergeCandidateInput');

export const QUEUE = `query ($documentId: ID, $state: CandidateState, $first: Int, $after: String) {
  commitmentCandidates(documentId: $documentId, state: $state, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id quote state } } }`;

/**
 * Three undertakings among statements of fact; the emoji (two UTF-16 units, one code point) before them
 * makes code-point offsets differ from JavaScript's string indexes.
 */
export const REVIEW_TEXT = [
  'Viet Nam and Singapore 🤝 held their annual dialogue in Hanoi on 1 March 2024.',
  'Singapore will train 500 Vietnamese engineers in cybersecurity by 2027.',
  'The two sides agreed to launch a green finance facility worth US$50 million.',
  'The two sides will establish a joint working group on offshore wind energy.',
  'The weather in Hanoi was warm.',
].join('\n');

/** The title of the tracked commitment the last undertaking restates. */
export const TRACKED_TITLE = 'Establish a joint working group on offshore wind energy';

export async function send(server: TestServer, query: string, variables: Record<string, unknown>, authorization?: string) {
  const { body } = await server.graphql(query, variables, authorization ? { authorization } : {});
  return body;
}

/** The part of a text between code-point offsets, as PostgreSQL's substr and provenance count. */
export const codePointSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');
