import { Field, ID, InputType, Int } from 'type-graphql';
import { payloadType } from '../../graphql/payload';
import { DateScalar } from '../../graphql/scalars';
import { Asset } from '../assets/assets.types';

@InputType({ description: 'One owner and its share.' })
export class OwnerShareInput {
  @Field(() => ID, { description: 'Global ID of the owning party.' }) partyId!: string;
  @Field(() => Int, { description: 'Share in basis points, 1–10000; the set sums to 10000.' }) shareBp!: number;
  @Field(() => String, { nullable: true, description: 'Certificate or document number.' }) certificateNo?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When it was confirmed.' }) confirmedOn?: string | null;
}

@InputType({ description: 'The whole new owner set of an asset: the open shares close and these open on effectiveOn.' })
export class ConfirmOwnershipInput {
  @Field(() => ID, { description: 'Global ID of the asset.' }) assetId!: string;
  @Field(() => Int, { nullable: true, description: 'The asset version you read; checked when given.' }) expectedVersion?: number | null;
  @Field(() => DateScalar, { nullable: true, description: 'First day of the new owner set; today when omitted.' }) effectiveOn?: string | null;
  @Field(() => [OwnerShareInput], { description: 'The owners; their shares sum to exactly 10000 bp. Empty: the asset becomes unconfirmed.' }) owners!: OwnerShareInput[];
}

export const ConfirmOwnershipPayload = payloadType('ConfirmOwnershipPayload', 'Result of confirmOwnership.', { asset: [() => Asset, 'The asset with its new owners.'] });
