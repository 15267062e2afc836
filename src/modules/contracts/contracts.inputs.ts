import { Field, ID, InputType, Int } from 'type-graphql';
import { payloadType } from '../../graphql/payload';
import { DateScalar, DivisionCodeScalar, MoneyScalar } from '../../graphql/scalars';
import type { ContractRow } from './contracts.table';
import { ContractMode, ContractStatus, OperatingContract, PaymentCycle } from './contracts.types';

@InputType({ description: 'A lease or contract of an operating asset; it may renew an earlier one (which must end before it starts).' })
export class CreateOperatingContractInput {
  @Field(() => ID, { description: 'Global ID of the operating asset.' }) assetId!: string;
  @Field(() => ID, { description: 'Global ID of the operator (lessee, contractor, enterprise, or the owner itself).' }) operatorId!: string;
  @Field(() => ContractMode, { description: 'How the asset is run.' }) mode!: ContractRow['mode'];
  @Field(() => String, { nullable: true, description: 'Contract number.' }) contractNo?: string | null;
  @Field(() => DateScalar, { description: 'First day of the term.' }) startsOn!: string;
  @Field(() => DateScalar, { description: 'Last day of the term.' }) endsOn!: string;
  @Field(() => MoneyScalar, { description: 'Agreed income per year, not negative.' }) agreedIncomePerYear!: bigint;
  @Field(() => PaymentCycle, { description: 'How often it is paid.' }) paymentCycle!: ContractRow['paymentCycle'];
  @Field(() => ID, { nullable: true, description: 'The contract this one renews (续签).' }) renewsContractId?: string | null;
  @Field(() => String, { nullable: true, description: 'Note.' }) note?: string | null;
}

@InputType({ description: 'Ends a contract on a day: ENDED on its end date, TERMINATED before.' })
export class EndOperatingContractInput {
  @Field(() => ID, { description: 'Global ID of the contract.' }) contractId!: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; checked when given.' }) expectedVersion?: number | null;
  @Field(() => DateScalar, { description: 'Its last day, not after the end of its term.' }) endsOn!: string;
  @Field(() => String, { description: 'Why.' }) reason!: string;
}

@InputType({ description: 'Narrows a list of contracts. All given conditions must hold.' })
export class OperatingContractFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Contracts of assets in this region's subtree." }) region?: string;
  @Field(() => ID, { nullable: true, description: 'Only this asset.' }) asset?: string;
  @Field(() => ID, { nullable: true, description: 'Only this operator.' }) operator?: string;
  @Field(() => ContractStatus, { nullable: true, description: 'Only this status.' }) status?: ContractRow['status'];
  @Field(() => ContractMode, { nullable: true, description: 'Only this mode.' }) mode?: ContractRow['mode'];
  @Field(() => DateScalar, { nullable: true, description: 'Only contracts running on this date.' }) inForceOn?: string;
}

export const CreateOperatingContractPayload = payloadType('CreateOperatingContractPayload', 'Result of createOperatingContract.', { contract: [() => OperatingContract, 'The new contract.'] });
export const EndOperatingContractPayload = payloadType('EndOperatingContractPayload', 'Result of endOperatingContract.', { contract: [() => OperatingContract, 'The contract as ended.'] });
