import { Field, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums';
import { Node, connectionType } from '../../graphql/relay';
import { DateScalar, MoneyScalar } from '../../graphql/scalars';
import { DISPOSAL_METHODS, DISPOSAL_STATUSES } from './disposal.table';

export const DisposalMethod = graphqlEnum('DisposalMethod', DISPOSAL_METHODS, 'How an asset is disposed of (处置方式).', {
  TRANSFER: '转让: transferred for a price.',
  AUCTION: '拍卖: sold at auction.',
  SCRAP: '报废: scrapped.',
  WRITE_OFF: '核销: written off.',
  DEMOLITION: '拆除: demolished.',
});

export const DisposalStatus = graphqlEnum('DisposalStatus', DISPOSAL_STATUSES, 'Where a disposal stands.', {
  REQUESTED: '待审批: asked for; the township, then the county, decide.',
  APPROVED: '已批准: approved by the county; to be carried out.',
  REJECTED: '已驳回: rejected; the asset went back to its status.',
  COMPLETED: '已完成: carried out; the asset is DISPOSED.',
});

@ObjectType('Disposal', { implements: Node, description: 'A disposal of an asset (处置) with its approvals by level.' })
export class Disposal extends Node {
  @Field(() => DisposalMethod, { description: 'Method.' }) method!: string;
  @Field(() => String, { description: 'Why.' }) reason!: string;
  @Field(() => MoneyScalar, { name: 'appraisedValue', description: 'Appraised value (评估价).' }) appraisedValueFen!: bigint;
  @Field(() => DisposalStatus, { description: 'Status.' }) status!: string;
  @Field(() => DateScalar, { description: 'When it was asked for.' }) requestedOn!: string;
  @Field(() => DateScalar, { nullable: true, description: "The township's approval." }) townshipApprovedOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: "The county's approval." }) countyApprovedOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When it was rejected.' }) rejectedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was rejected.' }) rejectReason!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When it was carried out.' }) completedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'Who took the asset (受让方), when sold.' }) buyer!: string | null;
  @Field(() => Int, { description: 'Version, for the next step (expectedVersion).' }) version!: number;
}

export const DisposalConnection = connectionType(Disposal, 'Disposal', 'A page of disposals, newest first.');
