/** The server's JSON logger: bearer tokens and cookies never reach the logs. */
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' } });
}
