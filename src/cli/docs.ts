import 'reflect-metadata';
/**
 * Generated documentation: `docs emit` writes docs/errors.md (every userError code with its
 * meaning in Chinese and English) and docs/authorization.md (who may call what); `docs check`
 * fails when a committed file is stale. The schema test and the authorization matrix run the check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { authorizationDoc } from '../auth/policy';
import { ERROR_CODES, UserErrorCode } from '../graphql/user-errors';
import { MODULES } from '../modules';
import { projectRoot } from '../paths';

export function errorsDoc(): string {
  const groups: [string, readonly string[]][] = [
    ['all modules', Object.keys(UserErrorCode)],
    ...MODULES.filter((m) => m.errorCodes).map((m) => [m.name, Object.keys(m.errorCodes!)] as [string, string[]]),
  ];
  const listed = new Set(groups.flatMap(([, codes]) => codes));
  const unlisted = Object.keys(ERROR_CODES).filter((code) => !listed.has(code));
  if (unlisted.length) groups.push(['other', unlisted]);
  const lines = [
    '# userError codes (generated: `npm run docs:emit`)',
    '',
    'A mutation refused for a business rule answers `userErrors { field message code }` and writes nothing. The `code` is the contract; the `message` is Chinese by default and English with `Accept-Language: en`. Import reports carry the same codes.',
    '',
  ];
  for (const [group, codes] of groups) {
    lines.push(`## ${group}`, '', '| code | 中文 | English |', '|---|---|---|');
    for (const code of codes) lines.push(`| \`${code}\` | ${ERROR_CODES[code]!.zh} | ${ERROR_CODES[code]!.en} |`);
    lines.push('');
  }
  return lines.join('\n');
}

export const DOCS: Record<string, () => string> = { 'docs/errors.md': errorsDoc, 'docs/authorization.md': authorizationDoc };

function main(): void {
  const command = process.argv[2];
  const stale: string[] = [];
  for (const [file, make] of Object.entries(DOCS)) {
    const target = path.join(projectRoot(), file);
    const text = make();
    if (command === 'emit') fs.writeFileSync(target, text);
    else if (command === 'check') {
      if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) stale.push(file);
    } else throw new Error('usage: docs emit|check');
  }
  if (stale.length) {
    process.stderr.write(`${stale.join(', ')} stale: run npm run docs:emit and commit\n`);
    process.exit(1);
  }
  process.stdout.write(command === 'emit' ? `wrote ${Object.keys(DOCS).join(', ')}\n` : 'docs are current\n');
}

if (require.main === module) main();
