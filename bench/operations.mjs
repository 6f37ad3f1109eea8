// The benchmark operations, as each server is asked for them, and how to bring their answers to one
// comparable form. "ours" is the project's GraphQL API (schema.graphql), "postgraphile" the PostGraphile 5
// amber schema of the same database, "floor" the hand-written server (floor/server.mjs).
//
// Every request is a POST with a JSON body; `request(server, params)` gives { path, body } for it.

export const STATUS_FIELDS = {
  ANNOUNCED: 'announced',
  IN_PROGRESS: 'inProgress',
  PARTIALLY_COMPLETED: 'partiallyCompleted',
  COMPLETED: 'completed',
  STALLED: 'stalled',
  ABANDONED: 'abandoned',
  SUPERSEDED: 'superseded',
};
const STATUSES = Object.keys(STATUS_FIELDS);
const ROLE_RANK = { ORIGIN: 0, LATER_MENTION: 1, EVIDENCE: 2 };

export const toGlobalId = (type, id) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
export function fromGlobalId(globalId) {
  const match = /^([A-Za-z]+):(\d+)$/.exec(Buffer.from(String(globalId), 'base64url').toString('utf8'));
  return match ? Number(match[2]) : NaN;
}

const graphql = (query, variables = {}) => ({ path: '/graphql', body: { query, variables } });
const COUNTS = Object.values(STATUS_FIELDS).join(' ');

/** The data dates are as of 2026-10-31 (scripts/bench-data.ts): the timeline covers the 24 months up to it. */
export const TIMELINE = { from: '2024-11-01', to: '2026-10-31' };
export const LIST_STATUS = 'IN_PROGRESS';
export const LIST_SIZE = 50;

export const OPERATIONS = {
  dashboard: {
    description: 'all partnerships, their pillars, commitment counts per status (per pillar)',
    request: {
      ours: () => graphql(`query Dashboard { partnerships { id name pillars { id name statusCounts { ${COUNTS} } } } }`),
      postgraphile: () =>
        graphql(`query Dashboard { allPartnerships { nodes { rowId name pillarsByPartnershipId(orderBy: POSITION_ASC) { nodes { rowId name
          ${STATUSES.map((s) => `${STATUS_FIELDS[s]}: commitmentsByPillarId(condition: { status: ${s} }) { totalCount }`).join('\n          ')}
        } } } } }`),
      floor: () => ({ path: '/dashboard', body: {} }),
    },
    normalise: {
      ours: (data) => sortById(data.partnerships.map((p) => ({
        id: fromGlobalId(p.id), name: p.name,
        pillars: p.pillars.map((pl) => ({ id: fromGlobalId(pl.id), name: pl.name, counts: pl.statusCounts })),
      }))),
      postgraphile: (data) => sortById(data.allPartnerships.nodes.map((p) => ({
        id: p.rowId, name: p.name,
        pillars: p.pillarsByPartnershipId.nodes.map((pl) => ({
          id: pl.rowId, name: pl.name, counts: Object.fromEntries(Object.values(STATUS_FIELDS).map((f) => [f, pl[f].totalCount])),
        })),
      }))),
      floor: (data) => OPERATIONS.dashboard.normalise.ours(data),
    },
  },

  list: {
    description: `the first ${LIST_SIZE} commitments in status ${LIST_STATUS}, latest status change first, with pillar and partnership names`,
    request: {
      ours: ({ status = LIST_STATUS } = {}) =>
        graphql(`query List($status: CommitmentStatus!) { commitments(first: ${LIST_SIZE}, filter: { status: [$status] },
          orderBy: { field: STATUS_SINCE, direction: DESC }) { nodes { id title status statusSince pillar { name } partnership { name } } } }`, { status }),
      postgraphile: ({ status = LIST_STATUS } = {}) =>
        graphql(`query List($status: CommitmentStatus!) { allCommitments(first: ${LIST_SIZE}, condition: { status: $status },
          orderBy: [STATUS_SINCE_DESC, ROW_ID_DESC]) { nodes { rowId title status statusSince pillarByPillarId { name } partnershipByPartnershipId { name } } } }`, { status }),
      floor: ({ status = LIST_STATUS } = {}) => ({ path: '/list', body: { status, first: LIST_SIZE } }),
    },
    normalise: {
      ours: (data) => data.commitments.nodes.map((c) => ({
        id: fromGlobalId(c.id), title: c.title, status: c.status, statusSince: c.statusSince, pillar: c.pillar.name, partnership: c.partnership.name,
      })),
      postgraphile: (data) => data.allCommitments.nodes.map((c) => ({
        id: c.rowId, title: c.title, status: c.status, statusSince: c.statusSince, pillar: c.pillarByPillarId.name, partnership: c.partnershipByPartnershipId.name,
      })),
      floor: (data) => OPERATIONS.list.normalise.ours(data),
    },
  },

  commitment: {
    description: 'one commitment with its status history (newest first, first 20) and provenance',
    request: {
      ours: ({ id }) =>
        graphql(`query One($id: ID!) { commitment(id: $id) { id title status statusSince announcedOn deadline { date precision }
          statusHistory(first: 20) { nodes { fromStatus toStatus effectiveOn rationale evidence { url title publishedOn } } }
          provenance { role quote startOffset endOffset document { title publishedOn } } } }`, { id: toGlobalId('Commitment', id) }),
      postgraphile: ({ id }) =>
        graphql(`query One($id: Int!) { commitmentByRowId(rowId: $id) { rowId title status statusSince announcedOn deadline deadlinePrecision
          statusChangesByCommitmentId(first: 20, orderBy: [EFFECTIVE_ON_DESC, ROW_ID_DESC]) { nodes { fromStatus toStatus effectiveOn rationale
            evidenceUrl evidenceTitle evidenceDate evidenceDocumentId } }
          provenancesByCommitmentId(orderBy: ROW_ID_ASC) { nodes { role quote startOffset endOffset sourceDocumentBySourceDocumentId { title publishedOn } } } } }`, { id }),
      floor: ({ id }) => ({ path: '/commitment', body: { id: toGlobalId('Commitment', id) } }),
    },
    normalise: {
      ours: ({ commitment: c }) => c && {
        id: fromGlobalId(c.id), title: c.title, status: c.status, statusSince: c.statusSince, announcedOn: c.announcedOn, deadline: c.deadline,
        history: c.statusHistory.nodes,
        provenance: sortProvenance(c.provenance.map((p) => ({ role: p.role, quote: p.quote, startOffset: p.startOffset, endOffset: p.endOffset, document: p.document }))),
      },
      postgraphile: ({ commitmentByRowId: c }) => c && {
        id: c.rowId, title: c.title, status: c.status, statusSince: c.statusSince, announcedOn: c.announcedOn,
        deadline: c.deadline === null ? null : { date: c.deadline, precision: c.deadlinePrecision },
        history: c.statusChangesByCommitmentId.nodes.map((h) => ({
          fromStatus: h.fromStatus, toStatus: h.toStatus, effectiveOn: h.effectiveOn, rationale: h.rationale,
          evidence: h.evidenceUrl === null && h.evidenceDocumentId === null ? null : { url: h.evidenceUrl, title: h.evidenceTitle, publishedOn: h.evidenceDate },
        })),
        provenance: sortProvenance(c.provenancesByCommitmentId.nodes.map((p) => ({
          role: p.role, quote: p.quote, startOffset: p.startOffset, endOffset: p.endOffset, document: p.sourceDocumentBySourceDocumentId,
        }))),
      },
      floor: (data) => OPERATIONS.commitment.normalise.ours(data),
    },
  },

  timeline: {
    description: `monthly follow-through: counts per status as of each month end, ${TIMELINE.from}..${TIMELINE.to} (24 months)`,
    request: {
      ours: () =>
        graphql(`query Timeline($from: LocalDate!, $to: LocalDate!) { statusTimeline(from: $from, to: $to, interval: MONTH) {
          points { asOf counts { ${COUNTS} } } } }`, TIMELINE),
      floor: () => ({ path: '/timeline', body: TIMELINE }),
      // Not a server of its own: the floor's timeline computed from status_change instead of status_delta_monthly.
      'floor-scan': () => ({ path: '/timeline-scan', body: TIMELINE }),
      'floor-pillars': () => ({ path: '/timeline-pillars', body: TIMELINE }),
    },
    normalise: {
      ours: (data) => data.statusTimeline.points.map((p) => ({ asOf: p.asOf, counts: p.counts })),
      floor: (data) => OPERATIONS.timeline.normalise.ours(data),
      'floor-scan': (data) => OPERATIONS.timeline.normalise.ours(data),
      'floor-pillars': (data) => OPERATIONS.timeline.normalise.ours(data),
    },
  },

  // (e) Writes: a status change of commitment `id` from `fromStatus` to `toStatus`, effective `effectiveOn`,
  // with evidence (so that every move is allowed, STALLED and moves away from COMPLETED included).
  updateStatus: {
    description: 'status change: update the commitment and append its history entry, one transaction',
    write: true,
    request: {
      ours: ({ id, toStatus, effectiveOn, n }) =>
        graphql(`mutation Update($input: UpdateCommitmentStatusInput!) { updateCommitmentStatus(input: $input) {
          commitment { status version statusSince } statusChange { fromStatus toStatus } userErrors { field message code } } }`, {
          input: { commitmentId: toGlobalId('Commitment', id), status: toStatus, effectiveOn, rationale: `Benchmark status change ${n}.`, evidence: evidence(id, n, effectiveOn) },
        }),
      // Two CRUD mutations (PostGraphile has no status-change operation); they are not one transaction.
      postgraphile: ({ id, fromStatus, toStatus, effectiveOn, n }) =>
        graphql(`mutation Update($id: Int!, $to: CommitmentStatus!, $from: CommitmentStatus!, $on: Date!, $rationale: String!, $url: String!, $title: String!) {
          updateCommitmentByRowId(input: { rowId: $id, commitmentPatch: { status: $to, statusSince: $on, lastAssessedAt: "now", updatedAt: "now" } }) {
            commitment { status version statusSince } }
          createStatusChange(input: { statusChange: { commitmentId: $id, fromStatus: $from, toStatus: $to, effectiveOn: $on, rationale: $rationale,
            evidenceUrl: $url, evidenceTitle: $title, evidenceDate: $on, authorKind: API_KEY, authorId: "bench-postgraphile" } }) {
            statusChange { fromStatus toStatus } } }`, {
          id, to: toStatus, from: fromStatus, on: effectiveOn, rationale: `Benchmark status change ${n}.`, url: evidence(id, n).url, title: evidence(id, n).title,
        }),
      floor: ({ id, toStatus, effectiveOn, n }) => ({
        path: '/update-status',
        body: { commitmentId: toGlobalId('Commitment', id), status: toStatus, effectiveOn, rationale: `Benchmark status change ${n}.`, evidence: evidence(id, n, effectiveOn) },
      }),
    },
    normalise: {
      ours: (data) => ({ toStatus: data.updateCommitmentStatus.statusChange?.toStatus ?? null, errors: data.updateCommitmentStatus.userErrors.length }),
      postgraphile: (data) => ({ toStatus: data.createStatusChange?.statusChange?.toStatus ?? null, errors: 0 }),
      floor: (data) => OPERATIONS.updateStatus.normalise.ours(data),
    },
  },
};

function evidence(id, n, publishedOn) {
  return { url: `https://bench.example.org/commitments/${id}/${n}`, title: `Benchmark evidence ${n}`, publishedOn };
}

function sortById(items) {
  return [...items].sort((a, b) => a.id - b.id).map((item) => (item.pillars ? { ...item, pillars: [...item.pillars].sort((a, b) => a.id - b.id) } : item));
}

function sortProvenance(items) {
  const key = (p) => `${ROLE_RANK[p.role]}|${String(p.startOffset).padStart(9, '0')}|${p.document.title}`;
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
