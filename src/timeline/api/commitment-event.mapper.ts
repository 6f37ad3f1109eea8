import { CommitmentEventKind, type EventRow } from '../../db/commitment-events.sql';
import { type CommitmentEvent, EVENT_TYPES } from './commitment-event.type';

/** Only the announcement links its origin and first history entry; the other kinds have no such fields. */
export function toCommitmentEvent(row: EventRow): CommitmentEvent {
  const { provenanceId, statusChangeId, rank: _rank, ...common } = row;
  const event = Object.assign(new EVENT_TYPES[row.kind](), common);
  return row.kind === CommitmentEventKind.ANNOUNCED ? Object.assign(event, { provenanceId, statusChangeId }) : event;
}
