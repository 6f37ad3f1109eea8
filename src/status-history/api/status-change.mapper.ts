import type { StatusChangeRow } from '../../db/tables/status-change';
import { fromRow } from '../../relay/api/node.interface';
import { StatusChange } from './status-change.type';

export const toStatusChange = (row: StatusChangeRow): StatusChange => fromRow(StatusChange, row);
