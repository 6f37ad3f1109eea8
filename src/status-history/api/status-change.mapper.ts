import type { StatusChangeRow } from '../../db/tables/status-change';
import type { Evidence as EvidenceRow, ProgressNote as ProgressNoteRow } from '../../generated/prisma/client';
import { fromRow } from '../../relay/api/node.interface';
import { Evidence } from './evidence.type';
import { ProgressNote } from './progress-note.type';
import { StatusChange } from './status-change.type';

export const toStatusChange = (row: StatusChangeRow): StatusChange => fromRow(StatusChange, row);

export const toProgressNote = (row: ProgressNoteRow): ProgressNote => fromRow(ProgressNote, row);

export const toEvidence = (row: EvidenceRow): Evidence => fromRow(Evidence, row);
