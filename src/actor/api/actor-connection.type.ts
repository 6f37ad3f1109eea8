import { Connection } from '../../relay/api/connection';
import { Actor } from './actor.type';

export const ActorConnection = Connection(Actor, 'Actor', 'actors');
