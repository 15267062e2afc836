/**
 * Business-rule outcomes of a mutation: `userErrors { field message code }` with a stable code.
 * A mutation either succeeds with no userErrors or writes nothing.
 */
import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum UserErrorCode {
  REQUIRED = 'REQUIRED',
  INVALID_VALUE = 'INVALID_VALUE',
  TOO_LONG = 'TOO_LONG',
  NOT_FOUND = 'NOT_FOUND',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  REGION_NOT_FOUND = 'REGION_NOT_FOUND',
  INVALID_CREDIT_CODE = 'INVALID_CREDIT_CODE',
  INVALID_RESIDENT_ID = 'INVALID_RESIDENT_ID',
  IDENTIFIER_NOT_ALLOWED = 'IDENTIFIER_NOT_ALLOWED',
  DUPLICATE = 'DUPLICATE',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
}

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Stable machine-readable code of a business-rule failure.',
  valuesConfig: {
    REQUIRED: { description: 'A required value is missing.' },
    INVALID_VALUE: { description: 'A value is outside what the field accepts.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    NOT_FOUND: { description: 'A referenced record does not exist in your scope.' },
    OUT_OF_SCOPE: { description: 'The region lies outside your scope.' },
    REGION_NOT_FOUND: { description: 'No region has this division code.' },
    INVALID_CREDIT_CODE: { description: 'The unified social credit code fails its GB 32100 checksum (统一社会信用代码校验失败).' },
    INVALID_RESIDENT_ID: { description: 'The resident ID fails its GB 11643 checksum or date (身份证号校验失败).' },
    IDENTIFIER_NOT_ALLOWED: { description: 'This kind of party does not carry this identifier.' },
    DUPLICATE: { description: 'Another record already has this unique value.' },
    VERSION_CONFLICT: { description: 'The record changed since you read it: reload and retry (版本冲突).' },
  },
});

@ObjectType({ description: 'A business-rule failure of a mutation; nothing was written.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path of the input field at fault, e.g. ["input", "name"].' })
  field!: string[] | null;

  @Field(() => String, { description: 'Human-readable explanation.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'Stable code for programs.' })
  code!: UserErrorCode;
}

/** Collects userErrors while a service checks an input; `any` says whether to stop. */
export class UserErrors {
  readonly list: UserError[] = [];

  add(field: string[] | null, code: UserErrorCode, message: string): this {
    this.list.push({ field, code, message });
    return this;
  }

  get any(): boolean {
    return this.list.length > 0;
  }
}

/** What a service returns from a write: the changed thing, or the reasons it was refused. */
export type Outcome<T> = { value: T; userErrors: [] } | { value: null; userErrors: UserError[] };

export function ok<T>(value: T): Outcome<T> {
  return { value, userErrors: [] };
}

export function refused<T>(errors: UserErrors | UserError[]): Outcome<T> {
  return { value: null, userErrors: Array.isArray(errors) ? errors : errors.list };
}
