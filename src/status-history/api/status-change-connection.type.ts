import { Connection } from '../../relay/api/connection';
import { StatusChange } from './status-change.type';

export const StatusChangeConnection = Connection(StatusChange, 'StatusChange', 'a commitment\'s status history, newest first');
