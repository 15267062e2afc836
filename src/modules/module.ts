/**
 * A capability's entry: what it adds to the API. The schema, `node(id)` and the error-code
 * enum are assembled from the list in modules/index.ts, so a new capability adds one line there.
 * Its tables are found by drizzle-kit from the file names (`*.table.ts`); its error codes are
 * declared where its rules are (`defineErrorCodes`) and named here for docs/errors.md.
 */
import type { Context } from '../graphql/context';

/** Loads one object of a node type by the key in its global ID (null: not there, or not yours to see). */
export type NodeFetcher = (ctx: Context, key: string) => Promise<object | null> | null;

export interface Module {
  name: string;
  /** Resolver classes (queries, mutations, field resolvers) of the capability. */
  resolvers: Function[];
  /** Node types the capability owns, by __typename. */
  nodes?: Record<string, NodeFetcher>;
  /** The error codes the capability declared (docs/errors.md lists them under its name). */
  errorCodes?: Readonly<Record<string, string>>;
}

const integerKey = (key: string) => (/^\d{1,15}$/.test(key) ? Number(key) : null);

/** A node fetcher for types whose key is an integer id. */
export function byIntegerKey(load: (ctx: Context, id: number) => Promise<object | null>): NodeFetcher {
  return (ctx, key) => {
    const id = integerKey(key);
    return id === null ? null : load(ctx, id);
  };
}
