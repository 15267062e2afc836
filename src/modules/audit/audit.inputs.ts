import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar, DivisionCodeScalar } from '../../graphql/scalars';

@InputType({ description: 'Narrows the audit trail. All given conditions must hold.' })
export class AuditEventFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Only events of entities in this region's subtree." }) region?: string;
  @Field(() => String, { nullable: true, description: 'Entity type, e.g. `Party`.' }) entityType?: string;
  @Field(() => ID, { nullable: true, description: 'Global ID of one entity.' }) entityId?: string;
  @Field(() => String, { nullable: true, description: 'Action, e.g. `party.update`.' }) action?: string;
  @Field(() => String, { nullable: true, description: 'User id of the actor.' }) actorId?: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'At or after this instant.' }) from?: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'At or before this instant.' }) to?: Date;
}
