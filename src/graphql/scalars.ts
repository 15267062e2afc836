/**
 * Scalars. Money is integer fen (bigint) inside the server and a decimal string of yuan with
 * exactly two places outside: never a float. Date is a business date (YYYY-MM-DD, China time),
 * DateTime an instant (ISO 8601, UTC). DivisionCode is a 12-digit 统计用区划代码.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { normaliseDivisionCode } from '../modules/regions/division-code';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** ±90 trillion yuan: far beyond any asset, well inside bigint. */
export const MONEY_LIMIT_FEN = 9_000_000_000_000_000n;
/**
 * The canonical form only: an optional minus, no leading zeros, at most two decimals, no spaces,
 * no thousands separators. "-0", " 12.00" and "00012.5" are refused: a finance office's amount
 * means one thing, written one way.
 */
const MONEY_PATTERN = /^(-?)(0|[1-9]\d{0,15})(?:\.(\d{1,2}))?$/;

export function parseMoney(value: unknown): bigint {
  if (typeof value !== 'string') throw badInput('Money must be a string of yuan such as "1234.50", not a number');
  const match = MONEY_PATTERN.exec(value);
  if (!match) throw badInput(`Money "${value.slice(0, 40)}" is not a decimal of yuan such as "1234.50": no spaces, no leading zeros, at most two places`);
  const [, sign, yuan, fraction = ''] = match;
  const fen = BigInt(yuan!) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (fen > MONEY_LIMIT_FEN) throw badInput(`Money "${value}" exceeds 90 trillion yuan`);
  if (sign === '-' && fen === 0n) throw badInput('Money cannot be negative zero');
  return sign === '-' ? -fen : fen;
}

export function formatMoney(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

function toBigint(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new GraphQLError('Money can only serialise integer fen');
}

export const MoneyScalar = new GraphQLScalarType<bigint, string>({
  name: 'Money',
  description: 'An amount of money (金额): a decimal string of yuan with exactly two places, e.g. "1234.50". Inputs take at most two places; numbers are refused.',
  serialize: (value) => formatMoney(toBigint(value)),
  parseValue: (value) => parseMoney(value),
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind !== Kind.STRING) throw badInput('Money must be a string of yuan such as "1234.50", not a number');
    return parseMoney(ast.value);
  },
});

/** Business dates and instants the register deals in: from 1900 to 2199 (PostgreSQL has no year 0). */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

function inYears(year: number, what: string): void {
  if (year < FIRST_YEAR || year > LAST_YEAR) throw badInput(`${what} must lie between ${FIRST_YEAR} and ${LAST_YEAR}`);
}

function parseDate(value: unknown): string {
  let date: string;
  try {
    date = LocalDateResolver.parseValue(value) as string;
  } catch (error) {
    throw badInput((error as Error).message.replace('LocalDate', 'Date'));
  }
  inYears(Number(date.slice(0, 4)), 'A date');
  return date;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  ...LocalDateResolver.toConfig(),
  name: 'Date',
  description: `A business date (日期) in China time: YYYY-MM-DD, from ${FIRST_YEAR} to ${LAST_YEAR}.`,
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badInput('Date must be a string YYYY-MM-DD');
    return parseDate(ast.value);
  },
});

const dateTimeConfig = DateTimeResolver.toConfig();

function parseDateTime(parse: () => unknown): Date {
  let instant: Date;
  try {
    instant = parse() as Date;
  } catch (error) {
    throw badInput((error as Error).message);
  }
  inYears(instant.getUTCFullYear(), 'An instant');
  return instant;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  ...dateTimeConfig,
  name: 'DateTime',
  description: `An instant (时间): ISO 8601 in UTC, e.g. "2025-03-01T08:30:00.000Z", from ${FIRST_YEAR} to ${LAST_YEAR}.`,
  parseValue: (value) => parseDateTime(() => dateTimeConfig.parseValue!(value)),
  parseLiteral: (ast, variables) => parseDateTime(() => dateTimeConfig.parseLiteral!(ast, variables)),
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot serialise an invalid date');
    return date.toISOString();
  },
});

function parseDivisionCode(value: unknown): string {
  if (typeof value !== 'string') throw badInput('DivisionCode must be a string of digits');
  const code = normaliseDivisionCode(value.trim());
  if (!code) throw badInput(`"${value}" is not a division code: 2, 4, 6, 9 or 12 digits of PP CC DD TTT VVV`);
  return code;
}

export const DivisionCodeScalar = new GraphQLScalarType<string, string>({
  name: 'DivisionCode',
  description: 'A statistical division code (统计用区划代码), always 12 digits in results. Inputs may give the significant prefix (2, 4, 6 or 9 digits), e.g. "522327" for a county.',
  serialize: (value) => String(value).padStart(12, '0'),
  parseValue: parseDivisionCode,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badInput('DivisionCode must be a string of digits');
    return parseDivisionCode(ast.value);
  },
});
