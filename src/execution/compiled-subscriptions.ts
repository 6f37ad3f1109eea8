// graphql-ws's `subscribe` with compiled payloads. graphql-js's own subscribe maps each event of the source
// stream to execute(rootValue: event), resolving the selection field by field; this one compiles the
// selection once, when the subscription starts, and answers each event with one statement (subscription-sql.ts).
// The source stream is the same (the subscribe functions of subscription.resolver.ts: filters, resume
// points, falling behind), and so is every answer: an operation that does not compile, variables that do not
// coerce, an event that ends the stream with an error, or a statement that fails are executed as graphql-js
// executes them.
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult, getOperationAST, getVariableValues, subscribe } from 'graphql';
import type { GraphQLContext } from '../graphql/context';
import type { SubscriptionItem } from '../subscription/subscription.service';
import type { CompiledExecution } from './compiled-execution.plugin';
import { NotCompilable } from './planner';
import { eventRow } from './subscription-sql';

type SubscribeResult = AsyncIterableIterator<ExecutionResult> | ExecutionResult;

export function compiledSubscribe(compiled: CompiledExecution): (args: ExecutionArgs) => Promise<SubscribeResult> {
  return async (args) => {
    const operation = getOperationAST(args.document, args.operationName);
    if (operation?.operation !== 'subscription') return subscribe(args);
    const plan = compiled.subscriptionPlan(args.schema, args.document, operation);
    if (plan instanceof NotCompilable) return subscribe(args);
    const variables = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {});
    if (variables.errors) return subscribe(args);
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const { logger } = args.contextValue as GraphQLContext;
    return mapEvents(stream as AsyncIterable<SubscriptionItem>, async (item) => {
      if (!('error' in item)) {
        const data = await compiled.answerEvent(plan, variables.coerced, eventRow(item), logger);
        if (data !== null) return { data: JSON.parse(data) as Record<string, unknown> };
      }
      return execute({ ...args, rootValue: item }) as Promise<ExecutionResult>;
    });
  };
}

/**
 * The events mapped to results, closing the source when closed. Not an async generator: one suspended in
 * the source's next() would hold a return() until the next event arrives, and a closed subscription must
 * let go of its feed at once (graphql-js maps its streams the same way).
 */
function mapEvents<T>(source: AsyncIterable<T>, map: (item: T) => Promise<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  const close = async () => {
    try {
      await iterator.return?.();
    } catch {
      // The mapping's own error is the one to report.
    }
  };
  const mapped = async (result: IteratorResult<T>): Promise<IteratorResult<ExecutionResult>> => {
    if (result.done) return { value: undefined, done: true };
    try {
      return { value: await map(result.value), done: false };
    } catch (error) {
      await close();
      throw error;
    }
  };
  return {
    next: async () => mapped(await iterator.next()),
    return: async () => {
      await close();
      return { value: undefined, done: true };
    },
    throw: async (error: unknown) => {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
