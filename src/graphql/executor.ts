/**
 * Compiled execution. graphql-js walks the document for every request: for each field of each
 * row it looks up the field definition, collects sub-fields, builds an `info` object and a path,
 * checks the result's type. graphql-jit does that walk once per document and turns it into a
 * function, so a request only runs the resolvers and writes the answer (what it bought is in the
 * README's performance section).
 *
 * Apollo Server 5 has no executor option; its `gateway` interface is the documented way to hand
 * it one ("executor" in its migration guide). Apollo still parses, validates (with our armor
 * rules) and resolves the operation, runs every plugin hook, and formats errors; only
 * `execute` is ours. Our schema is static, so `load` hands over the schema once and never updates it.
 */
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { GraphQLError, execute, isInputType, typeFromAST, valueFromAST, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

type Gateway = ApolloServerOptionsWithGateway<never>['gateway'];
/** What runs one operation of a document: its compiled form, or graphql-js (seen once, or not compilable). */
type Runner = CompiledQuery | typeof GRAPHQL_JS;
const GRAPHQL_JS = 'graphql-js';

/** `compileAfter`: how many times a document runs through graphql-js before it is compiled. */
export function compiledExecution(schema: GraphQLSchema, compileAfter = 1): Gateway {
  // Apollo keeps each parsed document in its own bounded store and hands the same object back
  // for the same text, so a document's compiled form lives exactly as long as Apollo keeps it.
  const compiled = new WeakMap<DocumentNode, Map<string, Runner | number>>();
  const runnerFor = (document: DocumentNode, operation: OperationDefinitionNode): Runner => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    const name = operation.name?.value ?? '';
    const known = byOperation.get(name) ?? 0;
    if (typeof known !== 'number') return known;
    // Compiling costs more than running a document once: a document is compiled when it comes
    // back, so a client sending ever new documents gets graphql-js, not a compile each time.
    if (known < compileAfter) {
      byOperation.set(name, known + 1);
      return GRAPHQL_JS;
    }
    const runner = compile(schema, document, operation);
    byOperation.set(name, runner);
    return runner;
  };
  return {
    async load() {
      return {
        executor: async (request) => {
          const byGraphqlJs = () => {
            const { operationName, variables: variableValues } = request.request; // as the client sent them
            return execute({ schema, document: request.document, operationName, contextValue: request.context, variableValues });
          };
          // An operation Apollo could not pick out of the document (a wrong operationName, two
          // unnamed ones) has no compiled form; graphql-js answers it with the error clients know.
          const runner = request.operation ? runnerFor(request.document, request.operation) : GRAPHQL_JS;
          if (runner === GRAPHQL_JS) return byGraphqlJs();
          const result = await runner.query(undefined, request.context, request.request.variables ?? {});
          // No `data` at all: the variables did not coerce and nothing ran. graphql-js words that
          // error as clients know it (the scalar's own message, BAD_USER_INPUT).
          if (!('data' in result)) return byGraphqlJs();
          return result.errors ? { ...result, errors: result.errors.map(asPlainGraphQLError) } : result;
        },
      };
    },
    onSchemaLoadOrUpdate(listener) {
      listener({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}

/**
 * What jit cannot compile, graphql-js runs, so the client gets the same answer either way: a
 * subscription (we have none; graphql-js says so), a literal Money argument (jit inlines literal
 * arguments as JSON, which has no bigint), a variable whose default is a DateTime or Money (jit
 * writes defaults as JSON, so the resolver would get a string). The bench operations all compile
 * (a test holds it).
 */
function compile(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Runner {
  if (!defaultsSurviveJson(schema, operation)) return GRAPHQL_JS;
  try {
    const query = compileQuery(schema, document, operation.name?.value);
    return isCompiledQuery(query) ? query : GRAPHQL_JS;
  } catch {
    return GRAPHQL_JS;
  }
}

function defaultsSurviveJson(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  return (operation.variableDefinitions ?? []).every((variable) => {
    if (!variable.defaultValue) return true;
    const type = typeFromAST(schema, variable.type);
    return !type || !isInputType(type) || plainJson(valueFromAST(variable.defaultValue, type));
  });
}

function plainJson(value: unknown): boolean {
  if (typeof value === 'bigint' || value instanceof Date) return false;
  if (value !== null && typeof value === 'object') return Object.values(value).every(plainJson);
  return true;
}

/**
 * graphql-jit's errors are GraphQLErrors whose message cannot be reassigned; the plugins that
 * mask "Did you mean" suggestions (graphql-armor) reassign it. graphql-js's own error, with the
 * same message, path, locations, original error and extensions, goes through every plugin.
 */
function asPlainGraphQLError(error: GraphQLError): GraphQLError {
  const plain = new GraphQLError(error.message, { nodes: error.nodes, path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
  (plain as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return plain;
}
