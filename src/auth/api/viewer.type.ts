import { Field, ObjectType } from 'type-graphql';
import { Role } from '../../common/enums';

@ObjectType('Viewer', { description: 'Who is calling, as the server authenticated the request: what a client may offer its user to do.' })
export class ViewerInfo {
  @Field(() => String, { description: 'How the caller was authenticated: ANONYMOUS (no credential), API_KEY or JWT.' })
  kind!: 'ANONYMOUS' | 'API_KEY' | 'JWT';

  @Field(() => Role, { nullable: true, description: 'The caller\'s role; null when anonymous (who may read, when public reads are on, but not write).' })
  role!: Role | null;

  @Field(() => String, { nullable: true, description: 'The API key\'s name or the JWT\'s subject name, when it has one; null when anonymous.' })
  name!: string | null;
}
