/**
 * What one GraphQL request may ask for. Depth, aliases and directives are bounded by
 * graphql-armor; tokens by the parser (a 400, never a 500); the work a request may cause by a
 * cost that knows list sizes (graphql-query-complexity): a list field costs its page size times
 * what each item asks for, and fields that scan far more than they return declare their own
 * cost (`complexity` on the field: the audit chain's verification, the checks). The cost is
 * computed with the request's variables, so `first: $n` counts as what $n is.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from './relay';

export const MAX_TOKENS = 5_000;
export const MAX_DEPTH = 12;
export const MAX_ALIASES = 30;
/** A page of 200 assets with their owners, funding, village and township costs about 3,000. */
export const MAX_COST = 50_000;
/** Reading and hashing a county's whole audit chain: a fifth of what a request may cost. */
export const CHAIN_VERIFICATION_COST = 10_000;

export function armorLimits() {
  return new ApolloArmor({
    maxTokens: { enabled: false }, // its plugin answers malformed documents with a 500: the parser's limit is used instead
    costLimit: { enabled: false }, // replaced by the list-aware cost below
    maxDepth: { n: MAX_DEPTH },
    maxAliases: { n: MAX_ALIASES },
    maxDirectives: { n: 50 },
  }).protect();
}

/** A list field (one with `first`/`last`, or `ids`) costs its page size times its items. */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (Array.isArray(args.ids)) return 1 + args.ids.length * Math.max(childComplexity, 1);
  const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined;
  if (size === undefined && !('first' in args) && !('last' in args) && !('after' in args) && !('before' in args)) return undefined;
  return 1 + (size ?? DEFAULT_PAGE_SIZE) * Math.max(childComplexity, 1);
};

/** Costs already computed (a few thousand operations and variable sets at most, keys of 2 KB at most). */
const KEPT_COSTS = 5_000;
/** Declared variables longer than this (a mutation's bulk input) are costed every time, not kept. */
const MAX_KEPT_VARIABLES_LENGTH = 2_000;

export function costLimitPlugin(schema: () => GraphQLSchema): ApolloServerPlugin {
  const estimators = [fieldExtensionsEstimator(), pageEstimator, simpleEstimator({ defaultComplexity: 1 })];
  // Walking the document with its estimators was 3% of a page request's CPU; the same operation
  // with the same variables costs the same, and a screen sends the same few over and over. The
  // key holds only the variables the operation declares (others are ignored by graphql-js and
  // would let a caller fill the cache), and the cache is one bounded LRU for the process.
  const known = new LRUCache<string, number>({ max: KEPT_COSTS });
  const documentIds = new WeakMap<DocumentNode, number>();
  let nextDocumentId = 0;
  const costOf = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number => {
    const compute = () => getComplexity({ schema: schema(), query: document, operationName, variables, estimators });
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
    const names = (operation?.variableDefinitions ?? []).map((v) => v.variable.name.value).filter((name) => name in variables);
    const declared = JSON.stringify(Object.fromEntries(names.map((name) => [name, variables[name]])));
    if (declared.length > MAX_KEPT_VARIABLES_LENGTH) return compute();
    let documentId = documentIds.get(document);
    if (documentId === undefined) documentIds.set(document, (documentId = nextDocumentId++));
    const key = `${documentId}\u0000${operationName ?? ''}\u0000${declared}`;
    let cost = known.get(key);
    if (cost === undefined) known.set(key, (cost = compute()));
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = costOf(document, request.operationName ?? undefined, request.variables ?? {});
          } catch (error) {
            throw new GraphQLError((error as Error).message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
          if (cost > MAX_COST) {
            throw new GraphQLError(`The query would cost ${cost}, more than the ${MAX_COST} one request may: ask for smaller pages or fewer fields`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maximumCost: MAX_COST, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
