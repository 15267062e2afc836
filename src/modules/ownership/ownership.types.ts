import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../graphql/scalars';

@ObjectType('Ownership', { description: "One owner's share of an asset over a period (确权)." })
export class Ownership {
  @Field(() => Int, { description: 'Share in basis points (1–10000; 10000 = 100%).' }) shareBp!: number;
  @Field(() => String, { nullable: true, description: 'Certificate or document number (确权证书/文件号).' }) certificateNo!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When the ownership was confirmed (确权日期).' }) confirmedOn!: string | null;
  @Field(() => DateScalar, { description: 'First day the share is in force.' }) validFrom!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Day the share ended (exclusive); null while open.' }) validTo!: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) createdAt!: Date;
}
