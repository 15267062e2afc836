import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
import { DivisionCodeScalar } from '../graphql/scalars';
import { can } from './permissions';
import { Role } from './viewer';

@ObjectType('Viewer', { description: 'Who you are to the API: the identity and scope your token carries.' })
export class ViewerInfo {
  @Field(() => String, { nullable: true, description: 'Your user id; null without a token.' }) userId!: string | null;
  @Field(() => Role, { nullable: true, description: 'Your role; null without a token.' }) role!: Role | null;
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'The region whose subtree you may see and change.' }) scope!: string | null;
  @Field(() => String, { nullable: true, description: 'Global ID of your party (custodians).' }) partyId!: string | null;
  @Field(() => Boolean, { description: 'Whether personal data is shown to you unmasked.' }) canReadPersonalData!: boolean;
}

@Resolver()
export class ViewerResolver {
  @Query(() => ViewerInfo, { description: 'Who you are: works with or without a token.' })
  viewer(@Ctx() { viewer }: Context): ViewerInfo {
    return {
      userId: viewer.userId,
      role: viewer.role,
      scope: viewer.role ? viewer.scope.padEnd(12, '0') : null,
      partyId: viewer.partyId === null ? null : toGlobalId('Party', viewer.partyId),
      canReadPersonalData: can(viewer, 'personal-data:read'),
    };
  }
}
