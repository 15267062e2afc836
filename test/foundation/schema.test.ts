import fs from 'node:fs';
import path from 'node:path';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSchema, printSdl, SCHEMA_FILE } from '../../src/graphql/schema';
import { projectRoot } from '../../src/paths';

describe('the schema frontends generate their types from', () => {
  it('is committed and current (npm run schema:emit)', async () => {
    const committed = fs.readFileSync(path.join(projectRoot(), SCHEMA_FILE), 'utf8');
    expect(committed).toBe(await printSdl());
  });

  it('describes every type, field, argument and enum value', async () => {
    const schema = await createSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || (isScalarType(type) && ['String', 'Int', 'Boolean', 'ID', 'Float'].includes(type.name))) continue;
      if (!type.description && type.name !== 'Query' && type.name !== 'Mutation') missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description && !/^(edges|nodes|pageInfo|cursor|node|hasNextPage|hasPreviousPage|startCursor|endCursor)$/.test(field.name)) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description && !['first', 'after', 'last', 'before'].includes(arg.name)) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });
});
