import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

/**
 * The bot's one logger: structured JSON (pino), the level from the configuration, credentials redacted
 * wherever they might appear (request headers, tokens, secrets, passwords in URLs), and one child logger
 * per incident so that every line about a job carries its incident id from intake through the worker to
 * the notifier.
 */

export type { Logger } from 'pino';

/** Paths pino blanks out; `Secret` values print `[redacted]` on their own as well. */
export const REDACT_PATHS: readonly string[] = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'request.headers.authorization',
  'token',
  'password',
  'secret',
  '*.authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.redisUrl',
];

export interface LoggerSettings {
  readonly level: string;
  /** Where the lines go (stdout by default); tests pass a stream to read them back. */
  readonly destination?: DestinationStream;
  readonly name?: string;
}

export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    name: settings.name ?? 'reset-doctor',
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err },
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}

/** The logger for everything about one incident (a job, its diagnosis, its delivery). */
export function incidentLogger(
  logger: Logger,
  incidentId: string,
  bindings: Readonly<Record<string, unknown>> = {},
): Logger {
  return logger.child({ incidentId, ...bindings });
}
