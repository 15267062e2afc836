/**
 * Every command reads its arguments the same way: `--help` prints its usage and exits 0; an
 * option it does not know, or a value it cannot take, is one line with the usage (a
 * ConfigError, which the command prints without a stack trace) and exit code 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../config';

type Options = NonNullable<ParseArgsConfig['options']>;

export function commandArgs<O extends Options>(usage: string, options: O, allowPositionals = false) {
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ options, allowPositionals, strict: true });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n${usage}`);
  }
}

/** How a command ends on an error: a mistake in the command or the settings in one line (exit 2), anything else with its stack (exit 1). */
export function failCommand(name: string, error: unknown): never {
  const cause = error instanceof Error && error.cause instanceof Error ? `\ncaused by: ${error.cause.message}` : '';
  const usage = error instanceof ConfigError;
  process.stderr.write(`${name}: ${error instanceof Error ? (usage ? error.message : (error.stack ?? error.message)) : String(error)}${cause}\n`);
  process.exit(usage ? 2 : 1);
}
