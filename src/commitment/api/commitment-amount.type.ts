import { Field, ObjectType } from 'type-graphql';

@ObjectType('CommitmentAmount', { description: 'A sum of money a commitment names, e.g. "US$1 million".' })
export class CommitmentAmount {
  id!: number;

  @Field({ description: 'The amount as an exact decimal string with two decimals, e.g. "1000000.00" (a string, so that no precision is lost).' })
  value!: string;

  @Field({ description: 'ISO 4217 currency code, e.g. "USD".' })
  currency!: string;

  @Field({ description: 'The amount as the source writes it, e.g. "US$1 million".' })
  originalText!: string;
}
