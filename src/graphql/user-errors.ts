/**
 * Business-rule outcomes of a mutation: `userErrors { field message code }` with a stable code.
 * A mutation either succeeds with no userErrors or writes nothing.
 *
 * Codes are the contract; messages are for people, in Chinese by default and in English when
 * the request asks for it (`Accept-Language: en`). Each module declares its own codes with
 * `defineErrorCodes` (a description in both languages, listed in docs/errors.md), and every
 * refusal carries its message in both languages; the one the caller reads is picked when the
 * answer is written.
 */
import { Ctx, Field, FieldResolver, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';

/** A text in both languages the API speaks. */
export interface Text {
  zh: string;
  en: string;
}

export function text(zh: string, en: string): Text {
  return { zh, en };
}

export type Locale = 'zh' | 'en';

/** Chinese unless the caller's first preferred language is English. */
export function localeOf(acceptLanguage: string | undefined): Locale {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

/** Every code any module declared, with what it means: the GraphQL enum and docs/errors.md. */
export const ERROR_CODES: Record<string, Text> = {};
const enumValues: Record<string, string> = {};
const valuesConfig: Record<string, { description: string }> = {};

/**
 * Declares a module's error codes. Returns the codes by name (`Codes.SHARES_NOT_10000`), which
 * is what services pass to `UserErrors.add`. A code is declared once, by one module.
 */
export function defineErrorCodes<K extends string>(codes: Record<K, Text>): { readonly [P in K]: P } {
  const named = {} as { [P in K]: P };
  for (const [code, meaning] of Object.entries(codes) as [K, Text][]) {
    if (ERROR_CODES[code]) throw new Error(`error code ${code} is declared twice`);
    ERROR_CODES[code] = meaning;
    enumValues[code] = code;
    valuesConfig[code] = { description: `${meaning.en} (${meaning.zh})` };
    named[code] = code;
  }
  return named;
}

registerEnumType(enumValues, { name: 'UserErrorCode', description: 'Stable machine-readable code of a business-rule failure (docs/errors.md lists them).', valuesConfig });

/** Codes any module may use. */
export const UserErrorCode = defineErrorCodes({
  REQUIRED: text('缺少必填项', 'A required value is missing.'),
  INVALID_VALUE: text('取值不在该字段允许的范围内', 'A value is outside what the field accepts.'),
  TOO_LONG: text('文字超过允许的长度', 'A text is longer than allowed.'),
  NOT_FOUND: text('引用的记录在您的范围内不存在', 'A referenced record does not exist in your scope.'),
  OUT_OF_SCOPE: text('区划不在您的权限范围内', 'The region lies outside your scope.'),
  REGION_NOT_FOUND: text('没有此区划代码', 'No region has this division code.'),
  DUPLICATE: text('已有记录使用此唯一值', 'Another record already has this unique value.'),
  VERSION_CONFLICT: text('记录在您读取后已被修改，请刷新后重试（版本冲突）', 'The record changed since you read it: reload and retry.'),
  DATE_ORDER: text('日期先后顺序不对', 'Dates out of order.'),
  // Append-only money records (income, disbursements) are corrected by one reversal each.
  ALREADY_REVERSED: text('该记录已冲销', 'The record has already been reversed.'),
  REVERSAL_NOT_REVERSIBLE: text('冲销记录不能再冲销', 'A reversal cannot be reversed.'),
});

/** The codes' type: every code declared anywhere. */
export type UserErrorCode = string;

/** A refusal as services build it: its message in both languages. */
export interface UserErrorValue {
  field: string[] | null;
  code: UserErrorCode;
  message: Text;
}

@ObjectType('UserError', { description: 'A business-rule failure of a mutation; nothing was written.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path of the input field at fault, e.g. ["input", "name"].' })
  field!: string[] | null;

  @Field(() => enumValues, { description: 'Stable code for programs.' })
  code!: UserErrorCode;
}

@Resolver(() => UserError)
export class UserErrorResolver {
  @FieldResolver(() => String, { description: 'Human-readable explanation, in Chinese, or in English with `Accept-Language: en`.' })
  message(@Root() error: UserErrorValue, @Ctx() ctx: { locale: Locale }): string {
    return error.message[ctx.locale];
  }
}

/** Collects userErrors while a service checks an input; `any` says whether to stop. */
export class UserErrors {
  readonly list: UserErrorValue[] = [];

  /** A refusal; without a message, the code's own meaning (as declared) is the message. */
  add(field: string[] | null, code: UserErrorCode, message?: Text): this {
    this.list.push({ field, code, message: message ?? ERROR_CODES[code] ?? text(code, code) });
    return this;
  }

  /** Takes over another check's refusals under a different path prefix (a spreadsheet row). */
  addAll(errors: readonly UserErrorValue[]): this {
    this.list.push(...errors);
    return this;
  }

  get any(): boolean {
    return this.list.length > 0;
  }
}

/** What a service returns from a write: the changed thing, or the reasons it was refused. */
export type Outcome<T> = { value: T; userErrors: [] } | { value: null; userErrors: UserErrorValue[] };

export function ok<T>(value: T): Outcome<T> {
  return { value, userErrors: [] };
}

export function refused<T>(errors: UserErrors | UserErrorValue[]): Outcome<T> {
  return { value: null, userErrors: Array.isArray(errors) ? errors : errors.list };
}

/** One refusal. */
export function refusal<T>(field: string[] | null, code: UserErrorCode, message?: Text): Outcome<T> {
  return refused(new UserErrors().add(field, code, message));
}

/** A VERSION_CONFLICT when `row` is no longer at the version the caller read (none when `expected` is not given). */
export function versionConflict(row: { version: number }, expected: number | null | undefined, field: string[], entity: Text): UserErrorValue | null {
  if (expected == null || row.version === expected) return null;
  return {
    field,
    code: UserErrorCode.VERSION_CONFLICT,
    message: text(`${entity.zh}当前为第 ${row.version} 版，不是第 ${expected} 版：请刷新后重试`, `${entity.en} is at version ${row.version}, not ${expected}: reload and retry`),
  };
}

/** Checks a required text: trimmed, not empty, at most `max` characters; returns the trimmed text. */
export function requiredText(errors: UserErrors, field: string[], value: string | undefined | null, max: number, label: Text): string {
  const trimmed = (value ?? '').trim();
  // Zero-width and other invisible format characters are no more an answer than spaces.
  if (!withoutInvisible(trimmed).trim()) errors.add(field, UserErrorCode.REQUIRED, text(`${label.zh}为必填项`, `${label.en} is required`));
  else if (trimmed.length > max) errors.add(field, UserErrorCode.TOO_LONG, text(`${label.zh}不能超过 ${max} 个字符`, `${label.en} is longer than ${max} characters`));
  return trimmed;
}

/** Format characters that show nothing: zero-width spaces and joiners, direction marks, word joiners, the BOM, the soft hyphen. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g;

/** The text with its invisible format characters taken out. */
export const withoutInvisible = (text: string) => text.replace(INVISIBLE, '');

/**
 * A required text of one line (a name, code, title or document number): requiredText, and no
 * line break or tab, which would split it in lists, exports and printed notices.
 */
export function requiredLine(errors: UserErrors, field: string[], value: string | undefined | null, max: number, label: Text): string {
  const line = requiredText(errors, field, value, max, label);
  if (/[\n\r\t\u2028\u2029]/.test(line)) errors.add(field, UserErrorCode.INVALID_VALUE, text(`${label.zh}须为一行，不能含换行或制表符`, `${label.en} is one line: no line breaks or tabs`));
  return line;
}

/** Checks an optional text; returns it trimmed, or null when empty. */
export function optionalText(errors: UserErrors, field: string[], value: string | undefined | null, max: number, label: Text): string | null {
  const trimmed = (value ?? '').trim();
  if (trimmed.length > max) errors.add(field, UserErrorCode.TOO_LONG, text(`${label.zh}不能超过 ${max} 个字符`, `${label.en} is longer than ${max} characters`));
  return trimmed || null;
}

/** The largest amount one receipt, contract year, plan line or payment may carry: 10 billion yuan. Sums of millions of them stay inside bigint. */
export const AMOUNT_LIMIT_FEN = 1_000_000_000_000n;

/**
 * An amount of money a write records: more than zero (zero too when `zeroAllowed`) and at most
 * AMOUNT_LIMIT_FEN; INVALID_VALUE otherwise. `hint` says what to do instead of a negative.
 */
export function checkAmount(errors: UserErrors, field: string[], fen: bigint, options: { zeroAllowed?: boolean; hint?: Text } = {}): void {
  if (fen < 0n || (fen === 0n && !options.zeroAllowed)) {
    const hint = options.hint ? { zh: `（${options.hint.zh}）`, en: ` (${options.hint.en})` } : { zh: '', en: '' };
    errors.add(
      field,
      UserErrorCode.INVALID_VALUE,
      options.zeroAllowed ? text(`金额不能为负${hint.zh}`, `The amount cannot be negative${hint.en}`) : text(`金额须大于零${hint.zh}`, `The amount must be more than zero${hint.en}`),
    );
  } else if (fen > AMOUNT_LIMIT_FEN) errors.add(field, UserErrorCode.INVALID_VALUE, text('金额不能超过 100 亿元', 'The amount cannot exceed 10 billion yuan'));
}

/** A business date that cannot lie after today (work done, a change that took effect): INVALID_VALUE otherwise. `what` names it in the message. */
export function checkNotInFuture(errors: UserErrors, field: string[], date: string, today: string, what: Text): void {
  if (date > today) errors.add(field, UserErrorCode.INVALID_VALUE, text(`${what.zh}不能晚于今天（${today}）`, `${what.en} cannot be later than today (${today})`));
}

/**
 * Dates that must not go backwards, in the order given (e.g. built ≤ completed ≤ accepted ≤
 * handed over); missing ones are skipped. `at` is the path of the input object holding them.
 */
export function checkDateOrder(errors: UserErrors, dates: [field: string, date: string | null | undefined][], at: string[] = ['input']): void {
  const present = dates.filter((d): d is [string, string] => Boolean(d[1]));
  for (let i = 1; i < present.length; i++) {
    const [earlierField, earlier] = present[i - 1]!;
    const [field, date] = present[i]!;
    if (date < earlier)
      errors.add([...at, field], UserErrorCode.DATE_ORDER, text(`${field}（${date}）早于 ${earlierField}（${earlier}）`, `${field} (${date}) is before ${earlierField} (${earlier})`));
  }
}
