import { Connection } from '../../relay/connection';
import { StatusChange } from './status-change.type';

export const StatusChangeConnection = Connection(StatusChange, 'StatusChange', 'a commitment\'s status history, newest first');
