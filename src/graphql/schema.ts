/** Assembles the schema from every module's resolvers, and prints it as the committed SDL. */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ViewerResolver } from '../auth/viewer.resolver';
import { AssetFundingResolver, AssetResolver, AssetTimelineResolver, PartyAssetsResolver, ProjectAssetsResolver } from '../modules/assets/assets.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { AssetOwnershipResolver, OwnershipResolver } from '../modules/ownership/ownership.resolver';
import { ProjectResolver } from '../modules/projects/projects.resolver';
import { ReportsResolver } from '../modules/reports/reports.resolver';
import { PartyResolver } from '../modules/parties/parties.resolver';
import { RegionResolver } from '../modules/regions/regions.resolver';
import { projectRoot } from '../paths';
import { NodeResolver } from './node';
import { DateTimeScalar } from './scalars';

let built: Promise<GraphQLSchema> | undefined;

export function createSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      NodeResolver,
      ViewerResolver,
      RegionResolver,
      PartyResolver,
      ProjectResolver,
      AssetResolver,
      AssetFundingResolver,
      AssetTimelineResolver,
      ProjectAssetsResolver,
      PartyAssetsResolver,
      OwnershipResolver,
      AssetOwnershipResolver,
      ReportsResolver,
      AuditResolver,
    ],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
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
