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
  DATE_ORDER = 'DATE_ORDER',
  SHARES_NOT_10000 = 'SHARES_NOT_10000',
  DUPLICATE_OWNER = 'DUPLICATE_OWNER',
  ILLEGAL_STATUS_TRANSITION = 'ILLEGAL_STATUS_TRANSITION',
  ASSET_DISPOSED = 'ASSET_DISPOSED',
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
    DATE_ORDER: { description: 'Dates out of order, e.g. built after completed (建成 ≤ 竣工 ≤ 验收 ≤ 移交).' },
    SHARES_NOT_10000: { description: 'The open ownership shares do not sum to exactly 10000 basis points (份额合计须为100%).' },
    DUPLICATE_OWNER: { description: 'The same owner appears twice in one owner set.' },
    ILLEGAL_STATUS_TRANSITION: { description: 'The asset lifecycle does not allow this status change.' },
    ASSET_DISPOSED: { description: 'The asset is disposed (已处置) and read-only.' },
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

/** Checks a required text: trimmed, not empty, at most `max` characters; returns the trimmed text. */
export function requiredText(errors: UserErrors, field: string[], value: string | undefined | null, max: number, label: string): string {
  const text = (value ?? '').trim();
  if (!text) errors.add(field, UserErrorCode.REQUIRED, `${label} is required`);
  else if (text.length > max) errors.add(field, UserErrorCode.TOO_LONG, `${label} is longer than ${max} characters`);
  return text;
}

/** Checks an optional text; returns it trimmed, or null when empty. */
export function optionalText(errors: UserErrors, field: string[], value: string | undefined | null, max: number, label: string): string | null {
  const text = (value ?? '').trim();
  if (text.length > max) errors.add(field, UserErrorCode.TOO_LONG, `${label} is longer than ${max} characters`);
  return text || null;
}

/**
 * Dates that must not go backwards, in the order given (e.g. built ≤ completed ≤ accepted ≤
 * handed over); missing ones are skipped.
 */
export function checkDateOrder(errors: UserErrors, dates: [field: string, date: string | null | undefined][]): void {
  const present = dates.filter((d): d is [string, string] => Boolean(d[1]));
  for (let i = 1; i < present.length; i++) {
    const [earlierField, earlier] = present[i - 1];
    const [field, date] = present[i];
    if (date < earlier) errors.add(['input', field], UserErrorCode.DATE_ORDER, `${field} (${date}) is before ${earlierField} (${earlier})`);
  }
}
