/**
 * Frontends generate their types from the committed schema (DESIGN.md §1): GraphQL Code
 * Generator with codegen.ts turns the benchmark's operations into typed operations, custom
 * scalars as strings (never `unknown`), and the output type-checks.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths';

describe('GraphQL Code Generator (codegen.ts)', () => {
  it('types the benchmark operations from the committed schema', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-'));
    const output = path.join(dir, 'operations.ts');
    const run = spawnSync(process.execPath, [path.join(projectRoot(), 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', 'codegen.ts'], {
      cwd: projectRoot(),
      env: { ...process.env, CODEGEN_OUTPUT: output },
      encoding: 'utf8',
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const generated = fs.readFileSync(output, 'utf8');
    // Custom scalars are strings, in inputs (Money, DivisionCode, Date) and results (Money, Date, DateTime).
    expect(generated).toMatch(/originalValue: string;/);
    expect(generated).toMatch(/regionCode: string;/);
    expect(generated).toMatch(/builtOn\?: string \| null/);
    expect(generated).toMatch(/Q2AssetDetailQuery = \{ asset: \{[\s\S]*originalValue: string[\s\S]*on: string, at: string/);
    expect(generated.replace('[key: string]: unknown', '')).not.toMatch(/:\s*(unknown|any)\b/);
    for (const file of fs.readdirSync(path.join(projectRoot(), 'bench/operations')).filter((f) => f.endsWith('.graphql'))) {
      const [, kind, name] = /(query|mutation)\s+(\w+)/.exec(fs.readFileSync(path.join(projectRoot(), 'bench/operations', file), 'utf8')) ?? [];
      expect(name, file).toBeDefined();
      expect(generated, file).toContain(`export type ${name}${kind === 'query' ? 'Query' : 'Mutation'} = `);
      expect(generated, file).toContain(`export type ${name}${kind === 'query' ? 'Query' : 'Mutation'}Variables = `);
    }
    const check = spawnSync(process.execPath, [path.join(projectRoot(), 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--skipLibCheck', output], { encoding: 'utf8' });
    expect(check.status, check.stdout).toBe(0);
  });
});
