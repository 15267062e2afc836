/**
 * Rows from the driver into objects, compiled once per prepared query. drizzle's own mapping
 * looks up each cell's decoder with `is()` checks and walks its path on every row: a seventh of
 * a page request's CPU (issue 14's profile). A query's columns do not change between rows, so
 * the decoders are found once per query and each row becomes one object literal of a fixed
 * shape, compiled once per shape.
 */
import { Column, getTableName, is, SQL, Subquery } from 'drizzle-orm';

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

interface SelectedField {
  path: string[];
  field: unknown;
}

/** The decoder drizzle would use for a selected field (same order of cases as its mapResultRow). */
function decoderOf(field: unknown): Decoder {
  type Decoded = { decoder: Decoder };
  if (is(field, Column)) return field;
  if (is(field, SQL)) return (field as unknown as Decoded).decoder;
  if (is(field, Subquery)) return (field as unknown as { _: { sql: Decoded } })._.sql.decoder;
  return (field as { sql: Decoded }).sql.decoder;
}

/**
 * The mapper for a selection of columns and expressions, flat or one level deep (a table per
 * key, as joins select): undefined for anything else, which keeps drizzle's mapping. Like
 * drizzle, a left-joined table's object is null when its first column is.
 */
export function compiledRowMapper(fields: readonly SelectedField[], joinsNotNullableMap?: Record<string, boolean>): ((rows: unknown[][]) => unknown[]) | undefined {
  if (fields.some((f) => f.path.length > 2)) return undefined;
  const decoders = fields.map((f) => decoderOf(f.field));
  const cell = (i: number) => `row[${i}] === null ? null : d[${i}].mapFromDriverValue(row[${i}])`;
  const groups = new Map<string, number[]>();
  for (const [i, f] of fields.entries()) groups.set(f.path[0]!, [...(groups.get(f.path[0]!) ?? []), i]);
  const entries: string[] = [];
  for (const [key, indexes] of groups) {
    const first = fields[indexes[0]!]!;
    if (first.path.length === 1) {
      entries.push(`${JSON.stringify(key)}: ${cell(indexes[0]!)}`);
      continue;
    }
    const columns = indexes.map((i) => fields[i]!.field);
    if (!columns.every((c) => is(c, Column))) return undefined;
    const tables = new Set(columns.map((c) => getTableName((c as Column).table)));
    const object = `{ ${indexes.map((i) => `${JSON.stringify(fields[i]!.path[1])}: ${cell(i)}`).join(', ')} }`;
    const nullable = tables.size === 1 && joinsNotNullableMap !== undefined && !joinsNotNullableMap[[...tables][0]!];
    entries.push(`${JSON.stringify(key)}: ${nullable ? `row[${indexes[0]}] === null ? null : ${object}` : object}`);
  }
  const mapRow = rowFunction(`return (row) => ({ ${entries.join(', ')} });`)(decoders);
  return (rows) => rows.map(mapRow);
}

type RowFunction = (decoders: Decoder[]) => (row: unknown[]) => unknown;
/** Compiled row functions by their code: a query built per call compiles its shape once. */
const rowFunctions = new Map<string, RowFunction>();
const MAX_ROW_FUNCTIONS = 2_000;

function rowFunction(code: string): RowFunction {
  let made = rowFunctions.get(code);
  if (!made) {
    if (rowFunctions.size >= MAX_ROW_FUNCTIONS) rowFunctions.clear();
    // Keys come from our own table and select definitions, never from input.
    made = new Function('d', code) as RowFunction;
    rowFunctions.set(code, made);
  }
  return made;
}

/** Gives a prepared drizzle query the compiled mapper when its selection allows one. */
export function withCompiledMapping<T>(prepared: T): T {
  const query = prepared as unknown as { fields?: SelectedField[]; customResultMapper?: unknown; joinsNotNullableMap?: Record<string, boolean> };
  if (query.fields && !query.customResultMapper) query.customResultMapper = compiledRowMapper(query.fields, query.joinsNotNullableMap);
  return prepared;
}
