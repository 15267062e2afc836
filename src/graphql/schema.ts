/** Assembles the schema from every module's resolvers, and prints it as the committed SDL. */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { ViewerResolver } from '../auth/viewer.resolver';
import { MODULES } from '../modules';
import { projectRoot } from '../paths';
import { NodeResolver } from './node';
import { afterBuild, beforeBuild, resolverInstances } from './resolution';
import { DateTimeScalar } from './scalars';
import { UserErrorResolver } from './user-errors';

let built: Promise<GraphQLSchema> | undefined;

export function createSchema(): Promise<GraphQLSchema> {
  if (built) return built;
  beforeBuild();
  built = buildSchema({
    resolvers: [NodeResolver, ViewerResolver, UserErrorResolver, ...MODULES.flatMap((m) => m.resolvers)] as unknown as NonEmptyArray<Function>,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    container: resolverInstances,
  }).then((schema) => {
    afterBuild(schema);
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
