/**
 * Field resolvers without arguments are called as their methods (graphql/resolution.ts), not
 * through type-graphql's per-call wrapper: the wrapper was a fifth of what an asset page
 * allocated. This fails if the metadata we read changes shape and the fields quietly fall back.
 */
import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSchema } from '../../src/graphql/schema';

const wrapped = (resolve: unknown) => String(resolve).includes('resolverData');

describe('how fields are resolved', () => {
  it("calls an asset page's relation fields directly", async () => {
    const schema = await createSchema();
    const fields = (name: string) => (schema.getType(name) as GraphQLObjectType).getFields();
    for (const [type, field] of [
      ['Asset', 'region'],
      ['Asset', 'owners'],
      ['Asset', 'funding'],
      ['Region', 'parent'],
      ['Ownership', 'owner'],
    ] as const) {
      const resolve = fields(type)[field]?.resolve;
      expect(resolve, `${type}.${field}`).toBeTypeOf('function');
      expect(wrapped(resolve), `${type}.${field} goes through type-graphql's wrapper`).toBe(false);
    }
  });

  it('leaves a field with arguments to type-graphql, which converts them', async () => {
    const schema = await createSchema();
    expect(wrapped((schema.getType('Region') as GraphQLObjectType).getFields().children?.resolve)).toBe(true);
  });
});
