import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : [])
            if (!arg.description && !['first', 'after', 'last', 'before'].includes(arg.name)) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });

  /** graphql-schema-linter: descriptions everywhere, the Relay connection, argument and PageInfo rules, naming. */
  const LINT_RULES = [
    'types-have-descriptions',
    'fields-have-descriptions',
    'arguments-have-descriptions',
    'enum-values-have-descriptions',
    'input-object-values-have-descriptions',
    'relay-connection-types-spec',
    'relay-connection-arguments-spec',
    'relay-page-info-spec',
    'deprecations-have-a-reason',
    'types-are-capitalized',
    'enum-values-all-caps',
    'fields-are-camel-cased',
    'input-object-values-are-camel-cased',
    'defined-types-are-used',
  ];
  const lint = (file: string) =>
    spawnSync(process.execPath, [path.join(projectRoot(), 'node_modules/graphql-schema-linter/lib/cli.js'), file, '--rules', LINT_RULES.join(','), '--format', 'compact'], { encoding: 'utf8' });

  it('names every mutation as DESIGN.md §8 says: name(input: NameInput!): NamePayload! with userErrors', async () => {
    const schema = await createSchema();
    const wrong: string[] = [];
    for (const [name, field] of Object.entries(schema.getMutationType()!.getFields())) {
      const Name = name[0]!.toUpperCase() + name.slice(1);
      const args = field.args.map((a) => `${a.name}: ${a.type}`);
      if (args.join() !== `input: ${Name}Input!`) wrong.push(`${name}(${args.join(', ')})`);
      if (String(field.type) !== `${Name}Payload!`) wrong.push(`${name}: ${field.type}`);
      const payload = schema.getType(`${Name}Payload`);
      if (!payload || !('getFields' in payload) || String((payload.getFields() as Record<string, { type: unknown }>).userErrors?.type) !== '[UserError!]!') wrong.push(`${Name}Payload.userErrors`);
    }
    expect(wrong).toEqual([]);
  });

  it('passes graphql-schema-linter', () => {
    const result = lint(path.join(projectRoot(), SCHEMA_FILE));
    expect((result.stdout + result.stderr).trim()).toBe('');
    expect(result.status).toBe(0);
  });

  it('the linter finds what it should', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sdl-')), 'bad.graphql');
    fs.writeFileSync(file, '"""Reads."""\ntype Query {\n  """A thing."""\n  thing(id: ID): Thing\n}\ntype Thing {\n  name: String\n}\n');
    const result = lint(file);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/types-have-descriptions|fields-have-descriptions/);
  });

  it('lists every userError code in both languages in docs/errors.md (npm run docs:emit)', async () => {
    const { errorsDoc } = await import('../../src/cli/docs');
    expect(fs.readFileSync(path.join(projectRoot(), 'docs/errors.md'), 'utf8')).toBe(errorsDoc());
    const schema = await createSchema();
    const codes = (schema.getType('UserErrorCode') as import('graphql').GraphQLEnumType).getValues().map((v) => v.name);
    for (const code of codes) expect(errorsDoc()).toContain(`| \`${code}\` |`);
  });
});
