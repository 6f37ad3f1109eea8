import { Connection } from '../../relay/connection';
import { Actor } from './actor.type';

export const ActorConnection = Connection(Actor, 'Actor', 'actors');
