/**
 * GraphQL Code Generator for frontends (and the benchmark's operations): TypeScript types of the
 * committed schema and of a set of operations. Our custom scalars travel as strings — Money
 * ("1234.50"), Date ("2026-03-01"), DateTime (ISO 8601), DivisionCode (12 digits) — and codegen
 * would call them `unknown` without this mapping.
 *
 *   npx graphql-codegen --config codegen.ts        (writes generated/operations.ts)
 *
 * A frontend copies this file and points `documents` at its own .graphql files.
 * test/foundation/codegen.test.ts runs it on bench/operations/.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

export const SCALARS = {
  Money: { input: 'string', output: 'string' },
  Date: { input: 'string', output: 'string' },
  DateTime: { input: 'string', output: 'string' },
  DivisionCode: { input: 'string', output: 'string' },
  JSON: { input: 'unknown', output: 'unknown' },
};

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: process.env.CODEGEN_DOCUMENTS ?? 'bench/operations/*.graphql',
  generates: {
    [process.env.CODEGEN_OUTPUT ?? 'generated/operations.ts']: {
      plugins: ['typescript-operations'],
      config: { scalars: SCALARS, strictScalars: true, enumsAsTypes: true, useTypeImports: true, avoidOptionals: { field: true } },
    },
  },
};

export default config;
