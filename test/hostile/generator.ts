/**
 * A hostile input generator derived from the schema: every root Query field that takes
 * arguments and every Mutation, every argument and every input-object field below it (list
 * items too), filled with values a careless or malicious client sends. New operations and new
 * input fields are covered without touching this file. Deterministic for a given seed.
 */
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLObjectType,
  GraphQLScalarType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { Random } from '../../seeds/random';

export type HostileKind =
  | 'wrong-type'
  | 'null-for-non-null'
  | 'explicit-null'
  | 'missing-required'
  | 'unknown-field'
  | 'list-shape'
  | 'bad-money'
  | 'bad-date'
  | 'bad-datetime'
  | 'bad-division-code'
  | 'foreign-region'
  | 'bad-id'
  | 'foreign-id'
  | 'bad-cursor'
  | 'out-of-range'
  | 'unknown-enum'
  | 'control-char'
  | 'long-string'
  | 'huge-string'
  | 'empty-string'
  | 'whitespace'
  | 'unicode'
  | 'injection'
  | 'variable-type-mismatch'
  | 'malformed-request';

export type Path = (string | number)[];

/** What the running app holds, looked up once: the ids and codes the cases aim at. */
export interface Fixtures {
  /** Global ids in the township 522327104, by Node type. */
  own: Record<string, string[]>;
  /** Global ids in the township 522327105 (another township of the same county), by Node type. */
  otherTownship: Record<string, string[]>;
  /** Global ids of another county's records, by Node type. */
  otherCounty: Record<string, string[]>;
  /** A village of the township 522327104: a region code every writer of the cases may use. */
  ownVillage: string;
  /** Region codes outside the township 522327104 (another township, another county, above). */
  foreignRegions: string[];
  /** Real cursors of several connections and orders. */
  cursors: string[];
}

/** One argument position, or an input-object field or list item below one. */
export interface Slot {
  path: Path;
  type: GraphQLInputType;
  /** The field (or argument) name this slot sits at; for list items, the list's name. */
  name: string;
  /** The input type (or root field) that holds it. */
  parent: string;
}

export interface Operation {
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  slots: Slot[];
  selection: string;
}

export type Token = 'admin' | 'manager' | 'townshipManager' | 'finance' | 'auditor' | 'viewer' | 'custodian' | 'anonymous';
export const TOKENS: readonly Token[] = ['admin', 'manager', 'townshipManager', 'finance', 'auditor', 'viewer', 'custodian', 'anonymous'];

export interface HostileCase {
  id: number;
  kind: HostileKind;
  op: Operation;
  /** The slot the hostile value sits at (empty for document- or request-level cases). */
  path: Path;
  label: string;
  value: unknown;
  /** The arguments, with the hostile value in place (MISSING keys are left out). */
  args: Record<string, unknown>;
  inline: boolean;
  token: Token;
  /** Where the current version of the changed record goes (expectedVersion), if anywhere. */
  versionSlot?: { path: Path; idPath: Path };
  /** A raw HTTP body instead of a rendered request (malformed-request cases). */
  rawBody?: string;
  /** Send rawBody as Latin-1 bytes: bytes that are not UTF-8. */
  rawLatin1?: boolean;
  /** Variable declarations that lie about the argument's type (variable-type-mismatch). */
  declaredTypes?: Record<string, string>;
}

/** A key left out of the arguments: how a required field goes missing. */
export const MISSING = Symbol('missing');

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

// ---------------------------------------------------------------------------------------------
// Operations and slots
// ---------------------------------------------------------------------------------------------

function unwrapNonNull(type: GraphQLInputType): GraphQLInputType {
  return isNonNullType(type) ? (type.ofType as GraphQLInputType) : type;
}

function collectSlots(type: GraphQLInputType, path: Path, name: string, parent: string, out: Slot[], depth: number): void {
  out.push({ path, type, name, parent });
  if (depth > 6) return;
  const inner = unwrapNonNull(type);
  if (isListType(inner)) {
    collectSlots(inner.ofType as GraphQLInputType, [...path, 0], name, parent, out, depth + 1);
  } else if (isInputObjectType(inner)) {
    for (const field of Object.values(inner.getFields())) collectSlots(field.type, [...path, field.name], field.name, inner.name, out, depth + 1);
  }
}

/** Leaf fields without required arguments, and one level of objects below (leaves only). */
function selectionOf(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  const fields = isObjectType(named) || isInterfaceType(named) ? Object.values((named as GraphQLObjectType | GraphQLInterfaceType).getFields()) : [];
  const parts: string[] = ['__typename'];
  for (const field of fields) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const fieldType = getNamedType(field.type);
    if (isLeafType(fieldType)) {
      parts.push(field.name);
    } else if (depth === 0 && field.args.length === 0) {
      parts.push(`${field.name} { ${selectionOf(field.type, depth + 1)} }`);
    }
  }
  return parts.join(' ');
}

/** Every root Query field that takes arguments and every Mutation, with its slots. */
export function operationsOf(schema: GraphQLSchema): Operation[] {
  const ops: Operation[] = [];
  const roots: ['query' | 'mutation', GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  for (const [operation, root] of roots) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      if (operation === 'query' && field.args.length === 0) continue;
      const slots: Slot[] = [];
      for (const arg of field.args) collectSlots(arg.type, [arg.name], arg.name, field.name, slots, 0);
      ops.push({ operation, field, slots, selection: selectionOf(field.type) });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
// Valid base values
// ---------------------------------------------------------------------------------------------

interface BaseContext {
  fixtures: Fixtures;
  nodeTypes: string[];
  random: Random;
  caseId: number;
}

/** Which Node type an ID field names: `assetId` → Asset, `implementingPartyId` → Party, `id` of UpdateAssetInput → Asset. */
export function idTarget(name: string, parent: string, nodeTypes: string[]): string | null {
  const aliases: Record<string, string> = { owner: 'Party' };
  if (aliases[name]) return aliases[name]!;
  if (name === 'id') return nodeTypes.find((t) => parent.includes(t)) ?? null;
  const word = name.replace(/Ids?$/, '').toLowerCase();
  return nodeTypes.find((t) => word === t.toLowerCase() || word.endsWith(t.toLowerCase())) ?? null;
}

function anyOwnId(ctx: BaseContext, type: string | null): string {
  const pool = type ? ctx.fixtures.own[type] : undefined;
  if (pool?.length) return ctx.random.pick(pool);
  const all = Object.values(ctx.fixtures.own).flat();
  return ctx.random.pick(all);
}

function baseScalar(type: GraphQLScalarType | GraphQLEnumType, name: string, parent: string, ctx: BaseContext): unknown {
  if (isEnumType(type)) return ctx.random.pick(type.getValues()).name;
  switch (type.name) {
    case 'String':
      if (name === 'code') return `H-${ctx.caseId}-${ctx.random.int(0, 1e6)}`;
      if (name === 'after' || name === 'before') return ctx.random.pick(ctx.fixtures.cursors);
      return `敌意用例 ${ctx.caseId}`;
    case 'ID':
      return anyOwnId(ctx, idTarget(name, parent, ctx.nodeTypes));
    case 'Int':
      if (name === 'expectedVersion') return 1;
      if (name === 'year') return 2020;
      if (name === 'shareBp') return 10000;
      if (name === 'first' || name === 'last') return 5;
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return true;
    case 'Money':
      return '100.00';
    case 'Date':
      return '2020-01-01';
    case 'DateTime':
      return '2020-01-01T00:00:00.000Z';
    case 'DivisionCode':
      return ctx.fixtures.ownVillage;
    case 'JSON':
      return {};
    default:
      return 'x';
  }
}

/** A plausible value of the type: required fields only for input objects. */
function baseValue(type: GraphQLInputType, name: string, parent: string, ctx: BaseContext): unknown {
  const inner = unwrapNonNull(type);
  if (isListType(inner)) return [baseValue(inner.ofType as GraphQLInputType, name, parent, ctx)];
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = baseValue(field.type, field.name, inner.name, ctx);
    }
    return value;
  }
  return baseScalar(inner as GraphQLScalarType | GraphQLEnumType, name, parent, ctx);
}

/** The arguments with `value` placed at `path`, containers created from base values on the way. */
function placeAt(op: Operation, base: Record<string, unknown>, path: Path, value: unknown, ctx: BaseContext): Record<string, unknown> {
  const args = structuredClone(base) as Record<string, unknown>;
  let container: Record<string | number, unknown> = args;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (container[key] === undefined || container[key] === null || typeof container[key] !== 'object') {
      const slot = op.slots.find((s) => samePath(s.path, path.slice(0, i + 1)))!;
      container[key] = baseValue(slot.type, slot.name, slot.parent, ctx);
    }
    container = container[key] as Record<string | number, unknown>;
  }
  container[path[path.length - 1]!] = value;
  return args;
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// ---------------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------------

interface Candidate {
  label: string;
  value: unknown;
}

const c = (label: string, value: unknown): Candidate => ({ label, value });

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const MONEY: Candidate[] = [
  c('"1e5"', '1e5'),
  c('"-0"', '-0'),
  c('" 12.00"', ' 12.00'),
  c('"00012.5"', '00012.5'),
  c('"12.345"', '12.345'),
  c('12.5 as a number', 12.5),
  c('1200 as a number', 1200),
  c('"12."', '12.'),
  c('".5"', '.5'),
  c('"+1.00"', '+1.00'),
  c('"1,000.00"', '1,000.00'),
  c('"NaN"', 'NaN'),
  c('"Infinity"', 'Infinity'),
  c('"-1.00" (negative)', '-1.00'),
  c('"-90000000000000.00"', '-90000000000000.00'),
  c('"90000000000000.01" (over the limit)', '90000000000000.01'),
  c('"9999999999999999.99"', '9999999999999999.99'),
  c('"0x10"', '0x10'),
  c('"１２.００" (fullwidth)', '１２.００'),
  c('"12.50\\n"', '12.50\n'),
  c('"0.00"', '0.00'),
  c('"0"', '0'),
  c('"12.5¥"', '12.5¥'),
  c('"1_000"', '1_000'),
];

const DATES: Candidate[] = [
  c('"2024-02-30"', '2024-02-30'),
  c('"0000-01-01"', '0000-01-01'),
  c('"9999-12-31"', '9999-12-31'),
  c('"2024-1-1"', '2024-1-1'),
  c('"2024-13-01"', '2024-13-01'),
  c('"2024-00-10"', '2024-00-10'),
  c('"1899-12-31"', '1899-12-31'),
  c('"2200-01-01"', '2200-01-01'),
  c('"2199-12-31" (last valid)', '2199-12-31'),
  c('"1900-01-01" (first valid)', '1900-01-01'),
  c('"2023-02-29"', '2023-02-29'),
  c('"20240101"', '20240101'),
  c('"2024/01/01"', '2024/01/01'),
  c('"2024-01-01T00:00:00Z"', '2024-01-01T00:00:00Z'),
  c('" 2024-01-01"', ' 2024-01-01'),
  c('"+002024-01-01"', '+002024-01-01'),
  c('"-2024-01-01"', '-2024-01-01'),
  c('20240101 as a number', 20240101),
  c('"today"', 'today'),
  c('"2100-01-01" (future)', '2100-01-01'),
];

const DATETIMES: Candidate[] = [
  c('"garbage"', 'garbage'),
  c('"2024-13-01T00:00:00Z"', '2024-13-01T00:00:00Z'),
  c('"2024-01-01T25:00:00Z"', '2024-01-01T25:00:00Z'),
  c('"2024-01-01" (a date)', '2024-01-01'),
  c('"0000-01-01T00:00:00Z"', '0000-01-01T00:00:00Z'),
  c('"9999-12-31T23:59:59Z"', '9999-12-31T23:59:59Z'),
  c('"2024-01-01T00:00:00+25:00"', '2024-01-01T00:00:00+25:00'),
  c('"1e10"', '1e10'),
  c('1700000000000 as a number', 1700000000000),
  c('-8.64e15 as a number', -8.64e15),
  c('"2024-01-01T00:00:00.1234567891Z"', '2024-01-01T00:00:00.1234567891Z'),
  c('"now"', 'now'),
  c('"2024-02-30T00:00:00Z"', '2024-02-30T00:00:00Z'),
  c('"+275760-09-13T00:00:00Z"', '+275760-09-13T00:00:00Z'),
  c('"2024-01-01 00:00:00"', '2024-01-01 00:00:00'),
];

const DIVISION_CODES: Candidate[] = [
  c('"5223271"', '5223271'),
  c('"abc"', 'abc'),
  c('"000000000000"', '000000000000'),
  c('"52232710420100"', '52232710420100'),
  c('"-522327"', '-522327'),
  c('"５２２３２７" (fullwidth)', '５２２３２７'),
  c('" 522327 "', ' 522327 '),
  c('"52 2327"', '52 2327'),
  c('"0"', '0'),
  c('"00"', '00'),
  c('"999999999999"', '999999999999'),
  c('522327 as a number', 522327),
  c('"5.22327e5"', '5.22327e5'),
  c('"1e11"', '1e11'),
  c('"522327000000"', '522327000000'),
  c('"52232700000"', '52232700000'),
  c('"522327104999" (no such village)', '522327104999'),
  c('"0x7f7f7f"', '0x7f7f7f'),
  c('"٥٢٢٣٢٧" (Arabic-Indic digits)', '٥٢٢٣٢٧'),
];

const CURSORS: Candidate[] = [
  c('"not-a-cursor!"', 'not-a-cursor!'),
  c('base64 of {}', b64('{}')),
  c('base64 of []', b64('[]')),
  c('base64 of null', b64('null')),
  c('base64 of ["abc"]', b64('["abc"]')),
  c('base64 of ["abc",1]', b64('["abc",1]')),
  c('base64 of [1,"abc"]', b64('[1,"abc"]')),
  c('base64 of ["abc","abc"]', b64('["abc","abc"]')),
  c('base64 of [null,null]', b64('[null,null]')),
  c('base64 of [null]', b64('[null]')),
  c('base64 of [1e300,1e300]', b64('[1e300,1e300]')),
  c('base64 of [-1,-1]', b64('[-1,-1]')),
  c('base64 of [1.5,2.5]', b64('[1.5,2.5]')),
  c('base64 of ["2024-99-99",1]', b64('["2024-99-99",1]')),
  c('base64 of ["x\\u0000y",1]', b64('["x\\u0000y",1]')),
  c('base64 of ["\\ud800",1]', b64('["\\ud800",1]')),
  c('base64 of [99999999999999999999,1]', b64('[99999999999999999999,1]')),
  c('base64 of [1,2,3]', b64('[1,2,3]')),
  c('base64 of ["9223372036854775808",1]', b64('["9223372036854775808",1]')),
  c('base64 of ["not a timestamp","x"]', b64('["not a timestamp","x"]')),
  c('base64 of [1]', b64('[1]')),
  c('base64 of ["1"]', b64('["1"]')),
  c('base64 of [true,{}]', b64('[true,{}]')),
  c('a cursor of 5,000 characters', b64('['.padEnd(3700, '1'))),
];

const CONTROL: Candidate[] = [
  c('a NUL inside', 'ab\u0000cd'),
  c('only a NUL', '\u0000'),
  c('a bell', 'x\u0007'),
  c('an escape sequence', '\u001b[31mred'),
  c('a DEL', 'x\u007f'),
  c('a backspace', '\b\b'),
  c('a C1 NEL', 'x\u0085y'),
  c('a line separator U+2028', 'x\u2028y'),
  c('a vertical tab', 'x\u000by'),
  c('CR LF', 'line\r\nline'),
];

const UNICODE: Candidate[] = [
  c('emoji', '🏠💰🐖'),
  c('a ZWJ family', '👨‍👩‍👧‍👦'),
  c('an RTL override', '\u202e光伏电站'),
  c('an RTL mark', '\u200f522327'),
  c('a BOM', '\ufeffname'),
  c('a lone high surrogate', 'a\ud800b'),
  c('a lone low surrogate', '\udfff'),
  c('reversed surrogates', '\udc00\ud800'),
  c('combining marks', 'a\u0301\u0301\u0301\u0301\u0301\u0301'),
  c('a zero-width space', '\u200b'),
  c('a non-character', '\uffff'),
  c('a private-use character', '\ue000'),
  c('astral CJK', '𠀀𪚥'),
  c('fullwidth digits', '１２３'),
];

const INJECTION: Candidate[] = [
  c('a quote and SQL', "' or 1=1 --"),
  c('LIKE wildcards', '%_%'),
  c('a lone backslash', '\\'),
  c('an escaped LIKE', '\\%'),
  c('a script tag', '<script>alert(1)</script>'),
  c('a CSV formula', '=HYPERLINK("x")'),
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal as hostile input, on purpose.
  c('a template', '${process.exit()}'),
  c('a JSON text', '{"a":1}'),
  c('__proto__', '__proto__'),
  c('a path', '../../etc/passwd'),
];

const WHITESPACE: Candidate[] = [c('spaces', '   '), c('a tab and a newline', '\t\n'), c('an ideographic space', '\u3000'), c('a no-break space', '\u00a0'), c('padding around text', '  x  ')];

const INTS: Candidate[] = [
  c('2^31', 2 ** 31),
  c('-2^31 - 1', -(2 ** 31) - 1),
  c('2^53', 2 ** 53),
  c('-1', -1),
  c('0', 0),
  c('1.5', 1.5),
  c('"1" (a string)', '1'),
  c('1e20', 1e20),
  c('"NaN"', 'NaN'),
  c('2147483647', 2147483647),
  c('-2147483648', -2147483648),
  c('201', 201),
  c('10001', 10001),
  c('99999', 99999),
];

const FLOATS: Candidate[] = [
  c('1e20', 1e20),
  c('1e308', 1e308),
  c('-1e308', -1e308),
  c('5e-324', 5e-324),
  c('"NaN"', 'NaN'),
  c('"Infinity"', 'Infinity'),
  c('"-Infinity"', '-Infinity'),
  c('-0', -0),
  c('1.7976931348623157e308', 1.7976931348623157e308),
  c('91', 91),
  c('-181', -181),
  c('"1.5" (a string)', '1.5'),
  c('-1', -1),
  c('1e15', 1e15),
  c('999999999999999.9', 999999999999999.9),
];

function badIds(ctx: BaseContext, target: string | null): Candidate[] {
  const other = ctx.nodeTypes.filter((t) => t !== target && ctx.fixtures.own[t]?.length);
  const otherType = other.length ? ctx.random.pick(other) : 'Region';
  const type = target ?? 'Asset';
  return [
    c('not base64', '!!!@@@'),
    c('an empty id', ''),
    c('a raw "Asset:1"', 'Asset:1'),
    c(`an id of another type (${otherType})`, ctx.random.pick(ctx.fixtures.own[otherType] ?? ['UmVnaW9uOjE'])),
    c(`${type}:0`, b64(`${type}:0`)),
    c(`${type}:-1`, b64(`${type}:-1`)),
    c(`${type}:99999999999999999999`, b64(`${type}:99999999999999999999`)),
    c(`${type}:999999999999999`, b64(`${type}:999999999999999`)),
    c(`${type}:2147483648`, b64(`${type}:2147483648`)),
    c(`${type}:1.5`, b64(`${type}:1.5`)),
    c(`${type}:0x1`, b64(`${type}:0x1`)),
    c(`${type}:１`, b64(`${type}:１`)),
    c(`${type}:1 or 1=1`, b64(`${type}:1 or 1=1`)),
    c(`${type}:1\\u0000`, b64(`${type}:1\u0000`)),
    c('":1" (no type)', b64(':1')),
    c('Nope:1 (unknown type)', b64('Nope:1')),
    c('base64 of invalid UTF-8', Buffer.from([0xff, 0xfe, 0x3a, 0x31]).toString('base64url')),
    c('padded standard base64', Buffer.from(`${type}:1`).toString('base64')),
    c('an id of 2,000 characters', b64(`${type}:${'1'.repeat(1500)}`)),
    c('1 as a number', 1),
    c('-1 as a number', -1),
  ];
}

function foreignIds(ctx: BaseContext, target: string | null): Candidate[] {
  const out: Candidate[] = [];
  const types = target ? [target] : ctx.nodeTypes;
  for (const type of types) {
    for (const id of ctx.fixtures.otherTownship[type] ?? []) out.push(c(`${type} of township 522327105`, id));
    for (const id of ctx.fixtures.otherCounty[type] ?? []) out.push(c(`${type} of another county`, id));
  }
  for (const type of ctx.nodeTypes) {
    if (type !== target && ctx.fixtures.own[type]?.length) out.push(c(`an own ${type} where ${target ?? 'any'} is expected`, ctx.random.pick(ctx.fixtures.own[type]!)));
  }
  return out.length ? out : [c('an own id', anyOwnId(ctx, target))];
}

function wrongTypes(type: GraphQLInputType, ctx: BaseContext): Candidate[] {
  const inner = unwrapNonNull(type);
  if (isListType(inner)) return [c('an object for a list', { a: 1 }), c('a string for a list', 'x'), c('a number for a list', 7), c('true for a list', true)];
  if (isInputObjectType(inner)) {
    const item = baseValue(inner, 'x', 'x', ctx);
    return [c('a string for an object', 'x'), c('a number for an object', 1), c('a list for an object', [item]), c('an empty list for an object', []), c('true for an object', true)];
  }
  const named = inner as GraphQLScalarType | GraphQLEnumType;
  const numeric = named.name === 'Int' || named.name === 'Float';
  return [
    numeric ? c('a string for a number', 'twelve') : c('a number for a string', 42),
    numeric ? c('true for a number', true) : c('a float for a string', 4.2),
    c('an object for a scalar', { value: 1 }),
    c('a list for a scalar', ['x', 'y']),
    c('an empty object', {}),
    c('false', false),
  ];
}

function listShapes(type: GraphQLInputType, ctx: BaseContext, slot: Slot): Candidate[] {
  const inner = unwrapNonNull(type) as GraphQLList<GraphQLInputType>;
  const item = baseValue(inner.ofType, slot.name, slot.parent, ctx);
  return [
    c('an empty list', []),
    c('a single item, not in a list', item),
    c('a list with a null item', [item, null]),
    c('a nested list', [[item]]),
    c(
      'a list of 250 items',
      Array.from({ length: 250 }, () => structuredClone(item)),
    ),
    c('a list of 3 identical items', [item, structuredClone(item), structuredClone(item)]),
  ];
}

function strings(kind: HostileKind): Candidate[] {
  switch (kind) {
    case 'control-char':
      return CONTROL;
    case 'unicode':
      return UNICODE;
    case 'injection':
      return INJECTION;
    case 'whitespace':
      return WHITESPACE;
    case 'empty-string':
      return [c('an empty string', '')];
    case 'long-string':
      return [
        c('201 characters', 'x'.repeat(201)),
        c('257 characters of CJK', '光'.repeat(257)),
        c('2,001 characters', 'y'.repeat(2001)),
        c('10,000 characters', 'z'.repeat(10_000)),
        c('10,001 characters', 'z'.repeat(10_001)),
      ];
    case 'huge-string':
      return [
        c('50,000 characters', 'h'.repeat(50_000)),
        c('300,000 characters', 'H'.repeat(300_000)),
        c('300,000 CJK characters (~900 KB)', '光'.repeat(300_000)),
        c('300,000 emoji (over 1 MB)', '💰'.repeat(300_000)),
      ];
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Which kinds fit a slot
// ---------------------------------------------------------------------------------------------

const STRING_KINDS: HostileKind[] = ['control-char', 'long-string', 'huge-string', 'empty-string', 'whitespace', 'unicode', 'injection'];

export function kindsFor(slot: Slot): HostileKind[] {
  const kinds: HostileKind[] = ['wrong-type', isNonNullType(slot.type) ? 'null-for-non-null' : 'explicit-null'];
  if (isNonNullType(slot.type) && slot.path.length > 1 && typeof slot.path[slot.path.length - 1] === 'string') kinds.push('missing-required');
  const inner = unwrapNonNull(slot.type);
  if (isListType(inner)) return [...kinds, 'list-shape'];
  if (isInputObjectType(inner)) return [...kinds, 'unknown-field'];
  if (isEnumType(inner)) return [...kinds, 'unknown-enum', 'empty-string'];
  switch ((inner as GraphQLScalarType).name) {
    case 'Int':
    case 'Float':
      return [...kinds, 'out-of-range'];
    case 'Money':
      return [...kinds, 'bad-money', 'empty-string', 'whitespace', 'control-char', 'huge-string'];
    case 'Date':
      return [...kinds, 'bad-date', 'empty-string', 'control-char'];
    case 'DateTime':
      return [...kinds, 'bad-datetime', 'empty-string', 'control-char'];
    case 'DivisionCode':
      return [...kinds, 'bad-division-code', 'foreign-region', 'empty-string', 'whitespace', 'unicode', 'control-char'];
    case 'ID':
      return [...kinds, 'bad-id', 'foreign-id', 'control-char', 'unicode', 'huge-string', 'whitespace'];
    case 'String':
      return slot.name === 'after' || slot.name === 'before' ? [...kinds, 'bad-cursor', ...STRING_KINDS] : [...kinds, ...STRING_KINDS];
    default:
      return [...kinds, 'control-char', 'empty-string'];
  }
}

function candidatesFor(kind: HostileKind, slot: Slot, ctx: BaseContext): Candidate[] {
  const inner = unwrapNonNull(slot.type);
  switch (kind) {
    case 'wrong-type':
      return wrongTypes(slot.type, ctx);
    case 'null-for-non-null':
      return [c('null', null)];
    case 'explicit-null':
      return [c('null', null)];
    case 'missing-required':
      return [c('left out', MISSING)];
    case 'unknown-field': {
      const base = baseValue(inner, slot.name, slot.parent, ctx) as Record<string, unknown>;
      return [
        c('an unknown field', { ...base, bogus: 1 }),
        c('a __proto__ field', Object.defineProperty({ ...base }, '__proto__', { value: { admin: true }, enumerable: true, writable: true, configurable: true })),
        c('a constructor field', { ...base, constructor: 'x' }),
        c('an empty object', {}),
      ];
    }
    case 'list-shape':
      return listShapes(slot.type, ctx, slot);
    case 'bad-money':
      return MONEY;
    case 'bad-date':
      return DATES;
    case 'bad-datetime':
      return DATETIMES;
    case 'bad-division-code':
      return DIVISION_CODES;
    case 'foreign-region':
      return ctx.fixtures.foreignRegions.map((code) => c(`"${code}"`, code));
    case 'bad-id':
      return badIds(ctx, idTarget(slot.name, slot.parent, ctx.nodeTypes));
    case 'foreign-id':
      return foreignIds(ctx, idTarget(slot.name, slot.parent, ctx.nodeTypes));
    case 'bad-cursor':
      return [...CURSORS, ...ctx.fixtures.cursors.map((cursor, i) => c(`a real cursor of another list (#${i})`, cursor))];
    case 'out-of-range':
      return (inner as GraphQLScalarType).name === 'Float' ? FLOATS : INTS;
    case 'unknown-enum': {
      const values = (inner as GraphQLEnumType).getValues().map((v) => v.name);
      return [
        c('NOT_A_VALUE', 'NOT_A_VALUE'),
        c(`lower case "${values[0]!.toLowerCase()}"`, values[0]!.toLowerCase()),
        c('a value with a space', ` ${values[0]}`),
        c('1', 1),
        c('"__proto__"', '__proto__'),
        c('DISPOSED_OR_NOT', 'DISPOSED_OR_NOT'),
      ];
    }
    default:
      return strings(kind);
  }
}

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------

export interface GenerateOptions {
  count: number;
  seed: number;
  /** At most this many huge-string cases (each is a body of 50 KB to 1.2 MB). */
  hugeBudget: number;
  /** Share of cases written as literals in the document rather than as variables. */
  inlineShare: number;
  /** Chance that each optional argument gets a plausible value beside the hostile one. */
  optionalShare: number;
}

/**
 * The generic kinds (any slot) weigh 1 in the random part; the kinds a slot's type calls for
 * weigh 3; cursors 8 (a cursor is decoded and cast in SQL: the richest target of a page argument).
 */
const GENERIC_KINDS = new Set<HostileKind>(['wrong-type', 'null-for-non-null', 'explicit-null', 'missing-required', 'empty-string']);

function pickKind(random: Random, kinds: HostileKind[]): HostileKind {
  const weights = kinds.map((k) => (GENERIC_KINDS.has(k) ? 1 : k === 'bad-cursor' ? 8 : 3));
  let r = random.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < kinds.length; i++) {
    r -= weights[i]!;
    if (r < 0) return kinds[i]!;
  }
  return kinds[kinds.length - 1]!;
}

/**
 * Mostly writers, so that a value reaches the rules; the other roles and no token too. In the
 * systematic pass a mutation goes with a writer and a query with a role that reads everything
 * (the audit trail included): each (slot, kind) is tried past the gate.
 */
function chooseToken(random: Random, kind: HostileKind, systematic: 'mutation' | 'query' | null): Token {
  const foreign = kind === 'foreign-id' || kind === 'foreign-region';
  if (systematic === 'mutation') return foreign ? 'townshipManager' : random.pick<Token>(['admin', 'manager', 'townshipManager']);
  if (systematic === 'query') return foreign ? random.pick<Token>(['townshipManager', 'admin']) : random.pick<Token>(['admin', 'auditor', 'townshipManager']);
  if (kind === 'foreign-id' || kind === 'foreign-region') return random.pick<Token>(['townshipManager', 'townshipManager', 'manager', 'admin', 'custodian', 'viewer']);
  const r = random.next();
  if (r < 0.3) return 'admin';
  if (r < 0.5) return 'manager';
  if (r < 0.7) return 'townshipManager';
  return random.pick<Token>(['finance', 'auditor', 'viewer', 'custodian', 'anonymous']);
}

function versionSlotOf(op: Operation, args: Record<string, unknown>, hostilePath: Path): HostileCase['versionSlot'] {
  const slot = op.slots.find((s) => s.name === 'expectedVersion' && s.path.length === 2);
  if (!slot || samePath(slot.path, hostilePath)) return undefined;
  const idSlot = op.slots.find((s) => s.path.length === 2 && s.path[0] === slot.path[0] && (s.name === 'id' || s.name === 'assetId'));
  if (!idSlot) return undefined;
  const input = args[slot.path[0] as string];
  if (!input || typeof input !== 'object' || !(slot.name in input)) return undefined;
  return { path: slot.path, idPath: idSlot.path };
}

/** Kinds whose every value is tried at every slot they fit, in the systematic pass: Unicode oddities, the malformed scalars and cursors, ids and regions of other scopes. */
const EXHAUSTIVE_KINDS = new Set<HostileKind>(['unicode', 'bad-money', 'bad-date', 'bad-datetime', 'bad-division-code', 'bad-cursor', 'bad-id', 'foreign-id', 'foreign-region']);

/**
 * `count` cases: first every (operation, slot, kind) once (every value, for EXHAUSTIVE_KINDS), then random picks until the count is
 * reached; plus a few requests that lie about variable types or are not GraphQL requests at all.
 */
export function generateCases(schema: GraphQLSchema, fixtures: Fixtures, options: GenerateOptions): HostileCase[] {
  const random = new Random(options.seed);
  const nodeTypes = Object.values(schema.getTypeMap())
    .filter((t): t is GraphQLObjectType => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'))
    .map((t) => t.name);
  const ops = operationsOf(schema);
  const cases: HostileCase[] = [];
  let huge = 0;

  const make = (op: Operation, slot: Slot, kind: HostileKind, systematic = false, candidateIndex?: number): HostileCase | null => {
    const ctx: BaseContext = { fixtures, nodeTypes, random, caseId: cases.length };
    if (kind === 'huge-string') {
      if (huge >= options.hugeBudget) return null;
      huge++;
    }
    const candidates = candidatesFor(kind, slot, ctx);
    if (!candidates.length) return null;
    const candidate = candidateIndex === undefined ? random.pick(candidates) : candidates[candidateIndex % candidates.length]!;
    // Required arguments always; optional ones now and then (an order with a cursor, a page size with a filter).
    const base: Record<string, unknown> = {};
    for (const arg of op.field.args) {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      const share = kind === 'bad-cursor' ? 0.6 : options.optionalShare;
      if (required || (arg.name !== slot.path[0] && random.chance(share))) base[arg.name] = baseValue(arg.type, arg.name, op.field.name, ctx);
    }
    // first and last together are refused before anything else: keep one page size.
    if (slot.path[0] === 'last') delete base.first;
    else if (slot.path[0] === 'first') delete base.last;
    else if ('first' in base && 'last' in base) delete base[random.chance(0.5) ? 'first' : 'last'];
    const args = placeAt(op, base, slot.path, candidate.value, ctx);
    const inline = random.chance(options.inlineShare) && kind !== 'huge-string';
    return {
      id: cases.length,
      kind,
      op,
      path: slot.path,
      label: candidate.label,
      value: candidate.value,
      args,
      inline,
      token: chooseToken(random, kind, systematic ? op.operation : null),
      versionSlot: versionSlotOf(op, args, slot.path),
    };
  };

  for (const op of ops) {
    for (const slot of op.slots) {
      for (const kind of kindsFor(slot)) {
        if (EXHAUSTIVE_KINDS.has(kind)) {
          const probe: BaseContext = { fixtures, nodeTypes, random: new Random(0), caseId: 0 };
          const n = candidatesFor(kind, slot, probe).length;
          for (let i = 0; i < n; i++) {
            const made = make(op, slot, kind, true, i);
            if (made) cases.push(made);
          }
        } else {
          const made = make(op, slot, kind, true);
          if (made) cases.push(made);
        }
      }
    }
  }

  // Requests that are not what they claim: a variable declared with the wrong type, bodies that are not GraphQL requests.
  for (const op of ops) {
    const arg = op.field.args[0]!;
    const made = make(op, { path: [arg.name], type: arg.type, name: arg.name, parent: op.field.name }, 'explicit-null');
    if (!made) continue;
    made.kind = 'variable-type-mismatch';
    made.inline = false;
    made.args = { ...made.args, [arg.name]: 'x' };
    made.label = `$${arg.name} declared as String`;
    made.declaredTypes = { [arg.name]: 'String' };
    cases.push(made);
  }
  const anyOp = ops[0]!;
  const raw = (label: string, body: string, rawLatin1 = false) =>
    cases.push({ id: cases.length, kind: 'malformed-request', op: anyOp, path: [], label, value: body.slice(0, 80), args: {}, inline: false, token: random.pick(TOKENS), rawBody: body, rawLatin1 });
  raw('a body that is not JSON', '{"query": "{ viewer { role } }"');
  raw('a JSON array', '[{"query":"{ viewer { role } }"}]');
  raw('a JSON string', '"{ viewer { role } }"');
  raw('query as a number', '{"query": 42}');
  raw('variables as a string', '{"query":"query($c: DivisionCode!) { region(code: $c) { code } }","variables":"{\\"c\\":\\"522327\\"}"}');
  raw('variables as a list', '{"query":"query($c: DivisionCode!) { region(code: $c) { code } }","variables":[1]}');
  raw('an unknown operation name', '{"query":"query A { viewer { role } }","operationName":"B"}');
  raw('two operations, no name', '{"query":"query A { viewer { role } } query B { viewer { role } }"}');
  raw('no query', '{"variables":{}}');
  raw('a lone surrogate escape in the document', '{"query":"{ assets(filter: { text: \\"\\\\ud800\\" }) { totalCount } }"}');
  raw('invalid UTF-8 bytes in the body', '{"query":"{ assets(filter: { text: \\"\u00ff\u00fe\u00c3\\" }) { totalCount } }"}', true);
  raw('a subscription', '{"query":"subscription { viewer { role } }"}');
  raw('an undeclared variable', '{"query":"{ region(code: $c) { code } }","variables":{"c":"522327"}}');
  raw('a deeply nested list literal', `{"query":"{ nodes(ids: ${'['.repeat(200)}\\"x\\"${']'.repeat(200)}) { id } }"}`);

  const weighted = ops.flatMap((op) => op.slots.map((slot) => ({ op, slot })));
  const byOp = new Map(ops.map((op) => [op, weighted.filter((w) => w.op === op)]));
  while (cases.length < options.count) {
    const op = random.pick(ops);
    const { slot } = random.pick(byOp.get(op)!);
    const made = make(op, slot, pickKind(random, kindsFor(slot)));
    if (made) cases.push(made);
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Rendering a case as a request
// ---------------------------------------------------------------------------------------------

function strip(value: unknown): unknown {
  if (value === MISSING) return undefined;
  if (Array.isArray(value)) return value.map((v) => (v === MISSING ? null : strip(v)));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      if (v === MISSING) continue;
      Object.defineProperty(out, key, { value: strip(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** A GraphQL literal for a value, with enum values bare where the type says enum. */
function literal(value: unknown, type: GraphQLInputType | null): string {
  const inner = type ? unwrapNonNull(type) : null;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const itemType = inner && isListType(inner) ? (inner.ofType as GraphQLInputType) : null;
    return `[${value.map((v) => literal(v, itemType)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
    const parts = Object.keys(value)
      .filter((k) => NAME.test(k))
      .map((k) => `${k}: ${literal((value as Record<string, unknown>)[k], fields[k]?.type ?? null)}`);
    return `{${parts.join(', ')}}`;
  }
  if (typeof value === 'string') {
    if (inner && isEnumType(inner) && NAME.test(value)) return value;
    return JSON.stringify(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  return String(value);
}

export function renderRequest(hostile: HostileCase): { body: string | Uint8Array<ArrayBuffer>; args: Record<string, unknown> } {
  if (hostile.rawBody !== undefined) return { body: hostile.rawLatin1 ? new Uint8Array(Buffer.from(hostile.rawBody, 'latin1')) : hostile.rawBody, args: {} };
  const { op } = hostile;
  const args = strip(hostile.args) as Record<string, unknown>;
  const given = op.field.args.filter((a: GraphQLArgument) => a.name in args);
  const selection = op.selection ? ` { ${op.selection} }` : '';
  const keyword = op.operation;
  if (hostile.inline) {
    const argText = given.length ? `(${given.map((a) => `${a.name}: ${literal(args[a.name], a.type)}`).join(', ')})` : '';
    return { body: JSON.stringify({ query: `${keyword} Hostile { ${op.field.name}${argText}${selection} }` }), args };
  }
  const declared = given.map((a) => `$${a.name}: ${hostile.declaredTypes?.[a.name] ?? String(a.type)}`);
  const argText = given.length ? `(${given.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const query = `${keyword} Hostile${declared.length ? `(${declared.join(', ')})` : ''} { ${op.field.name}${argText}${selection} }`;
  return { body: JSON.stringify({ query, variables: args }), args };
}

// ---------------------------------------------------------------------------------------------
// userError paths
// ---------------------------------------------------------------------------------------------

/**
 * Why a userError's `field` names no input path of the mutation, or null when it names one:
 * an argument, then input-object fields and list indices of items that were sent.
 */
export function inputPathProblem(schema: GraphQLSchema, mutation: string, field: readonly string[], sent: Record<string, unknown>): string | null {
  const def = schema.getMutationType()?.getFields()[mutation];
  if (!def) return `no mutation ${mutation}`;
  if (field.length === 0) return 'an empty path';
  if (field[0] !== 'input') return `field[0] is "${field[0]}", not "input"`;
  const arg = def.args.find((a) => a.name === field[0]);
  if (!arg) return `no argument "${field[0]}"`;
  let type: GraphQLInputType = arg.type;
  let value: unknown = sent[field[0]!];
  for (let i = 1; i < field.length; i++) {
    const step = field[i]!;
    const inner = unwrapNonNull(type);
    if (isListType(inner)) {
      if (!/^\d+$/.test(step)) return `"${step}" at ${i} is not an index of the list ${field.slice(0, i).join('.')}`;
      if (Array.isArray(value) && Number(step) >= value.length) return `index ${step} of ${field.slice(0, i).join('.')} names no item sent (${value.length} sent)`;
      value = Array.isArray(value) ? value[Number(step)] : undefined;
      type = inner.ofType as GraphQLInputType;
    } else if (isInputObjectType(inner)) {
      const f = (inner as GraphQLInputObjectType).getFields()[step];
      if (!f) return `${inner.name} has no field "${step}"`;
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
      type = f.type;
    } else {
      return `"${step}" goes below the scalar ${field.slice(0, i).join('.')}`;
    }
  }
  return null;
}

/** A short, printable form of a value for reports. */
export function preview(value: unknown, max = 120): string {
  if (value === MISSING) return '(left out)';
  let text: string;
  if (typeof value === 'string') {
    text = JSON.stringify(value.length > max ? `${value.slice(0, max)}…(${value.length} chars)` : value);
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max * 2 ? `${text.slice(0, max * 2)}…` : text;
}
