// The payloads of subscription events in SQL. An event's plan is the subscription's selection compiled once,
// when it starts; each event binds it to a one-row source of the event's ids (eventRow) and runs one
// statement, where the resolvers would load the snapshot, the history entry and every relation under them
// through DataLoaders, event by event. The commitment is read from the outbox's snapshot, as the resolvers
// read it (src/subscription/api/subscription.resolver.ts); its relations as they are now.
import type { CommitmentChangeNotice } from '../commitment/commitment-change';
import { changeEventCommitmentSql } from '../db/change-event.sql';
import { raw, rowObject, type Sql, sql } from '../db/json';
import { at, col, toOne } from './field-sql';
import { type FieldCompiler, Joins, type TypeCompilers } from './planner';

/** The event being delivered, as the one row the subscription's root fields read. */
export function eventRow({ eventId, kind, commitmentId, statusChangeId }: CommitmentChangeNotice): Sql {
  return sql`SELECT ${eventId.toString()}::bigint AS id, ${kind}::text AS kind, ${commitmentId}::int AS commitment_id, ${statusChangeId}::int AS status_change_id`;
}

/**
 * The root field: the event object, whatever its arguments (they choose which events are delivered, in the
 * subscribe function, not what an event holds).
 */
const event =
  (type: string): FieldCompiler =>
  (input) => {
    const object = input.select(type, input.row);
    return (variables) => rowObject(object(variables));
  };

/** The commitment as the event's write left it, its to-one relations joined. */
const snapshot: FieldCompiler = (input) => {
  const alias = input.alias('c');
  const joins = new Joins();
  const object = input.select('Commitment', alias, joins);
  const from = sql`${changeEventCommitmentSql(at(input.row, 'id'), at(input.row, 'commitment_id'))} ${raw(alias)}`;
  return (variables) => sql`(SELECT ${rowObject(object(variables))} FROM ${from}${joins.sql()})`;
};

const statusChange = toOne('StatusChange', 'status_change', 'sc', (sc, event) => `${sc}.id = ${event}.status_change_id`);

export const SUBSCRIPTION_COMPILERS: TypeCompilers = {
  Subscription: { commitmentChanged: event('CommitmentChangedEvent'), statusChanged: event('StatusChangedEvent') },
  CommitmentChangedEvent: {
    eventId: col('id::text'),
    kind: col('kind'),
    commitment: snapshot,
    statusChange,
  },
  StatusChangedEvent: {
    eventId: col('id::text'),
    commitment: snapshot,
    statusChange,
  },
};
