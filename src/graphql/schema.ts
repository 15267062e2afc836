/** Assembles the schema from every module's resolvers, and prints it as the committed SDL. */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { defaultFieldResolver, getNamedType, isLeafType, isObjectType, lexicographicSortSchema, printSchema, type GraphQLInterfaceType, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { ViewerResolver } from '../auth/viewer.resolver';
import { MODULES } from '../modules';
import { projectRoot } from '../paths';
import { NodeResolver } from './node';
import { DateTimeScalar } from './scalars';
import { UserErrorResolver } from './user-errors';

let built: Promise<GraphQLSchema> | undefined;

/** type-graphql's registry of decorated fields (not exported: it lives on the global object). */
interface FieldMetadata {
  name: string;
  schemaName: string;
  simple?: boolean;
  middlewares?: unknown[];
  roles?: unknown[];
}
declare const TypeGraphQLMetadataStorage: { fields: FieldMetadata[] };

/**
 * Plain fields read the property with graphql-js's default resolver. type-graphql otherwise
 * wraps each one in a resolver that runs its middleware chain (we have none, nor @Authorized)
 * and allocates per field and row: a page of 50 assets reads a few thousand of them. A field
 * named apart from its property (`originalValue` from `originalValueFen`) keeps type-graphql's.
 */
function plainFieldsResolveDirectly(): void {
  for (const field of TypeGraphQLMetadataStorage.fields) if (field.name === field.schemaName) field.simple ??= true;
}

/** type-graphql attaches roles and middleware while it builds: a field given either must not have been made plain. */
function assertNoGuardSkipped(): void {
  const guarded = TypeGraphQLMetadataStorage.fields.filter((f) => f.simple && (f.middlewares?.length || f.roles?.length));
  if (guarded.length) throw new Error(`Fields with middleware or @Authorized resolve directly, without them: ${guarded.map((f) => f.name).join(', ')} (schema.ts)`);
}

/**
 * A node names its own type (`__typename`, node.ts). type-graphql would wrap any resolveType in
 * an async function (or test `instanceof` against its classes, which our rows are not), and
 * compiled execution (executor.ts) needs the type at once: it reads a promise as no type.
 */
function nodesResolveTheirTypeAtOnce(schema: GraphQLSchema): void {
  (schema.getType('Node') as GraphQLInterfaceType).resolveType = (value: { __typename?: string }) => value.__typename;
}

/**
 * A plain field whose type is an object or a list may hold a loader's promise (a payload's
 * `asset`). Compiled execution (executor.ts) reads a field without a resolver as a value and
 * would not wait for it, so those fields get graphql-js's default resolver, whose promise it
 * awaits. Leaf fields (scalars, enums) stay plain reads: they are the thousands of reads a page
 * makes, and none holds a promise (the lazy `totalCount` has its resolver, relay.ts).
 */
function objectFieldsAwaitTheirValue(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) if (!field.resolve && !isLeafType(getNamedType(field.type))) field.resolve = defaultFieldResolver;
  }
}

export function createSchema(): Promise<GraphQLSchema> {
  if (built) return built;
  plainFieldsResolveDirectly();
  built = buildSchema({
    resolvers: [NodeResolver, ViewerResolver, UserErrorResolver, ...MODULES.flatMap((m) => m.resolvers)] as unknown as NonEmptyArray<Function>,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
  }).then((schema) => {
    assertNoGuardSkipped();
    nodesResolveTheirTypeAtOnce(schema);
    objectFieldsAwaitTheirValue(schema);
    // type-graphql has no place for the root types' descriptions.
    schema.getQueryType()!.description = 'Reads: the register and everything about it, within your region scope (DESIGN.md §8 names).';
    schema.getMutationType()!.description = 'Writes: each takes one `input` and returns a payload with the changed object and `userErrors`.';
    return schema;
  });
  return built;
}

export const SCHEMA_FILE = 'schema/schema.graphql';

export async function printSdl(): Promise<string> {
  return printSchema(lexicographicSortSchema(await createSchema())) + '\n';
}

export async function emitSchema(): Promise<string> {
  const file = path.join(projectRoot(), SCHEMA_FILE);
  fs.writeFileSync(file, await printSdl());
  return file;
}
