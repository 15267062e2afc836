/**
 * Mutation payloads (DESIGN.md §8): `{ <thing>, userErrors }`. One factory instead of a class
 * per mutation: the changed objects are nullable (null when refused), userErrors always there.
 */
import { Field, ObjectType, type ClassType } from 'type-graphql';
import { UserError, type UserErrorValue } from './user-errors';

type TypeThunk = () => ClassType | object;

export function payloadType(name: string, description: string, fields: Record<string, [type: TypeThunk, description: string]>): ClassType {
  @ObjectType(name, { description })
  class Payload {
    @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
    userErrors!: UserErrorValue[];
  }
  for (const [field, [type, fieldDescription]] of Object.entries(fields)) {
    Field(type as () => ClassType, { nullable: true, description: `${fieldDescription} Null when refused.` })(Payload.prototype, field);
  }
  return Payload;
}

/** A service's outcome as the payload's fields: `{ [field]: value, userErrors }`. */
export function toPayload<F extends string, T>(field: F, outcome: { value: T | null; userErrors: UserErrorValue[] }): { [K in F]: T | null } & { userErrors: UserErrorValue[] } {
  return { [field]: outcome.value, userErrors: outcome.userErrors } as { [K in F]: T | null } & { userErrors: UserErrorValue[] };
}

/** A service's outcome as a payload of several fields picked from its value: `{ ...pick(value), userErrors }`, every field null when refused. */
export function payloadOf<T, F extends Record<string, unknown>>(
  outcome: { value: T | null; userErrors: UserErrorValue[] },
  pick: (value: T) => F,
): { [K in keyof F]: F[K] | null } & { userErrors: UserErrorValue[] } {
  return { ...(outcome.value === null ? {} : pick(outcome.value)), userErrors: outcome.userErrors } as { [K in keyof F]: F[K] | null } & { userErrors: UserErrorValue[] };
}
