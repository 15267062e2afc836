import { defineConfig } from 'drizzle-kit';

// Every module's tables, found by name: a capability adds its *.table.ts and nothing else here.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/modules/*/*.table.ts',
  out: './migrations',
});
