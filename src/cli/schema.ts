/** `schema emit` writes schema/schema.graphql; `schema check` fails when the committed file is stale. */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';
import { SCHEMA_FILE, emitSchema, printSdl } from '../graphql/schema';

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command === 'emit') {
    process.stdout.write(`wrote ${await emitSchema()}\n`);
    return;
  }
  if (command === 'check') {
    const file = path.join(projectRoot(), SCHEMA_FILE);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== (await printSdl())) {
      process.stderr.write(`${SCHEMA_FILE} is stale: run npm run schema:emit and commit it\n`);
      process.exit(1);
    }
    process.stdout.write(`${SCHEMA_FILE} is current\n`);
    return;
  }
  throw new Error('usage: schema emit|check');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
