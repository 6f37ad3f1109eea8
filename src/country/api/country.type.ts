import { Field, ObjectType } from 'type-graphql';

@ObjectType('Country', { description: 'A country, identified by its ISO 3166-1 alpha-2 code.' })
export class Country {
  @Field({ description: 'ISO 3166-1 alpha-2 code, e.g. "VN".' })
  code!: string;

  @Field({ description: 'English short name.' })
  name!: string;
}
