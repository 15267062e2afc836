/**
 * A module's tables are read only through what the module exports for others (its service,
 * loaders and join pieces): no module imports another module's `*.table.ts` or `*.store.ts`
 * (table files may reference other tables for foreign keys), and no module writes SQL text over
 * another module's tables. Every import in src/modules is checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths';

const modulesDir = path.join(projectRoot(), 'src', 'modules');
const modules = fs.readdirSync(modulesDir).filter((name) => fs.statSync(path.join(modulesDir, name)).isDirectory());

function filesOf(module: string): string[] {
  return (fs.readdirSync(path.join(modulesDir, module), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join(modulesDir, module, f));
}

/**
 * The one place that reads across the register by design: each automated audit check is one
 * read-only statement over whatever tables its rule names (DESIGN.md §4), never written to.
 */
const READS_THE_WHOLE_REGISTER = [path.join(modulesDir, 'checks', 'definitions')];

/** The module a file belongs to, or null outside src/modules. */
function moduleOf(file: string): string | null {
  const relative = path.relative(modulesDir, file);
  return relative.startsWith('..') ? null : (relative.split(path.sep)[0] ?? null);
}

function tablesOf(module: string): string[] {
  return filesOf(module)
    .filter((f) => f.endsWith('.table.ts'))
    .flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/pgTable\(\s*'([a-z_]+)'/g)].map((m) => m[1]!));
}

describe('module boundaries', () => {
  it("no module imports another module's tables or stores", () => {
    const violations: string[] = [];
    for (const module of modules) {
      for (const file of filesOf(module)) {
        const source = fs.readFileSync(file, 'utf8');
        for (const match of source.matchAll(/from '(\.[^']+)'/g)) {
          const target = path.resolve(path.dirname(file), match[1]!);
          const owner = moduleOf(target);
          if (!owner || owner === module) continue;
          const kind = /\.(table|store)$/.exec(target)?.[1];
          if (!kind) continue;
          if (kind === 'table' && file.endsWith('.table.ts')) continue; // foreign keys
          violations.push(`${path.relative(projectRoot(), file)} imports ${path.relative(projectRoot(), target)}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it("no module writes SQL over another module's tables", () => {
    const violations: string[] = [];
    for (const module of modules) {
      const foreign = modules.filter((m) => m !== module).flatMap(tablesOf);
      for (const file of filesOf(module).filter((f) => !f.endsWith('.table.ts') && !READS_THE_WHOLE_REGISTER.some((dir) => f.startsWith(dir)))) {
        const source = fs.readFileSync(file, 'utf8');
        for (const table of foreign) {
          if (new RegExp(`\\b(from|join|into|update)\\s+"?${table}"?\\b`, 'i').test(source)) violations.push(`${path.relative(projectRoot(), file)} writes SQL over ${table}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('lets the audit checks read, never write, across the register', () => {
    const writes = filesOf('checks')
      .filter((f) => READS_THE_WHOLE_REGISTER.some((dir) => f.startsWith(dir)))
      .filter((f) => /\b(insert\s+into|update\s+\w+\s+set|delete\s+from)\b/i.test(fs.readFileSync(f, 'utf8')));
    expect(filesOf('checks').some((f) => f.includes(`definitions${path.sep}income-arrears.ts`))).toBe(true);
    expect(writes).toEqual([]);
  });

  it('the check itself notices a violation', () => {
    // A store of one module importing another's table, as the check sees it.
    const target = path.resolve(path.join(modulesDir, 'reports'), '../assets/assets.table');
    expect(moduleOf(target)).toBe('assets');
    expect(/\.(table|store)$/.exec(target)?.[1]).toBe('table');
    expect(tablesOf('assets')).toEqual(expect.arrayContaining(['asset', 'asset_funding', 'asset_status_change']));
  });
});
