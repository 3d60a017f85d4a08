import { inspect } from 'node:util';
import { z } from 'zod';
import { DEFAULT_RULES_DIR } from './compose.js';
import { ResetDoctorError } from './errors.js';

/**
 * The bot's configuration: read from the environment once, by `readConfig(env)`, validated against one
 * schema, every problem reported at once with how to fix it, the result frozen. Secrets are wrapped in
 * `Secret` so that logging the configuration (or an object holding a secret) prints `[redacted]`.
 * Variable names are fixed in DESIGN §5; the queue tuning variables below are this project's own.
 */

const REDACTED = '[redacted]';

/** A value that must never be logged: serialising or inspecting it yields `[redacted]`. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  /** The value itself, for the one place that needs it (an HTTP header, a client constructor). */
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [inspect.custom](): string {
    return REDACTED;
  }
}

/** `all`: intake and worker in one process (`npm start`); `cli`: the `reset-doctor` tools. */
export const ROLES = ['all', 'intake', 'worker'] as const;
export type Role = (typeof ROLES)[number] | 'cli';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface QueueConfig {
  /** BullMQ queue name. */
  readonly name: string;
  /** Key prefix with a Redis Cluster hash tag, e.g. `{reset-doctor}`: every key of the bot lands in one slot. */
  readonly prefix: string;
  readonly attempts: number;
  /** First retry delay; doubles on every attempt. */
  readonly backoffMs: number;
  readonly concurrency: number;
  /** Job lock; a worker that stops renewing it (crash, SIGKILL) has its jobs recovered after about this long. */
  readonly lockMs: number;
  readonly keepCompletedS: number;
  readonly keepFailedS: number;
}

export interface SlackConfig {
  readonly botToken?: Secret;
  readonly signingSecret?: Secret;
  readonly appToken?: Secret;
  readonly apiUrl?: string;
  readonly alertChannel?: string;
}

export interface Config {
  readonly role: Role;
  readonly port: number;
  readonly redisUrl: Secret;
  /** REDIS_URL with any password masked, for logs and messages. */
  readonly redisUrlForLog: string;
  /** How long intake and health checks wait for Redis before answering 503. */
  readonly redisTimeoutMs: number;
  readonly slack: SlackConfig;
  readonly alertmanager: { readonly enabled: boolean; readonly token?: Secret };
  readonly prometheusUrl?: string;
  readonly rulesDir: string;
  readonly webhookMaxBytes: number;
  readonly logLevel: LogLevel;
  readonly queue: QueueConfig;
  /** Alerts for the same service/peer within this many seconds join one diagnosis (0: never). */
  readonly coalesceWindowS: number;
  /** How long diagnoses, their alert groups and cancellation marks are kept in Redis. */
  readonly diagnosisTtlS: number;
  readonly shutdownTimeoutS: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** One line per problem: the variable, what is wrong, how to fix it. Never echoes a secret. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const int = (min: number, max: number, fallback: number, hint: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d+$/, `must be a whole number from ${min} to ${max}; ${hint}`)
      .transform(Number)
      .pipe(
        z.number().min(min, `must be at least ${min}; ${hint}`).max(max, `must be at most ${max}; ${hint}`),
      )
      .optional()
      .transform((v) => v ?? fallback),
  );

const httpUrl = (hint: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => {
        try {
          const u = new URL(v);
          return u.protocol === 'http:' || u.protocol === 'https:';
        } catch {
          return false;
        }
      }, `must be an http:// or https:// URL; ${hint}`)
      .optional(),
  );

const secret = (hint: string, prefix?: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => !/\s/.test(v), `must not contain spaces or newlines (check the quoting); ${hint}`)
      .refine(
        (v) => prefix === undefined || v.startsWith(prefix),
        `must start with "${prefix ?? ''}"; ${hint}`,
      )
      .transform((v) => new Secret(v))
      .optional(),
  );

const text = (max: number, hint: string) =>
  z.preprocess(blankToUndefined, z.string().max(max, `is longer than ${max} characters; ${hint}`).optional());

const EnvSchema = z.object({
  PORT: int(0, 65535, 3000, 'set PORT to the HTTP port to listen on, e.g. PORT=3000 (0: any free port)'),
  REDIS_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => {
        try {
          const u = new URL(v);
          return (u.protocol === 'redis:' || u.protocol === 'rediss:') && u.hostname !== '';
        } catch {
          return false;
        }
      }, 'must be a redis:// or rediss:// URL with a host; set e.g. REDIS_URL=redis://127.0.0.1:6379 (rediss:// for TLS, redis://:PASSWORD@HOST:6379 with a password)')
      .optional()
      .transform((v) => v ?? 'redis://127.0.0.1:6379'),
  ),
  REDIS_TIMEOUT_MS: int(100, 60_000, 2000, 'set how long to wait for Redis before answering 503, e.g. 2000'),
  SLACK_BOT_TOKEN: secret('copy the Bot User OAuth Token (xoxb-...) from the Slack app settings', 'xoxb-'),
  SLACK_SIGNING_SECRET: secret('copy the Signing Secret from the Slack app settings (Basic Information)'),
  SLACK_APP_TOKEN: secret(
    'create an app-level token with connections:write (xapp-...) or unset it for HTTP mode',
    'xapp-',
  ),
  SLACK_API_URL: httpUrl(
    'unset it to use Slack itself, or point it at the Web API base, e.g. https://slack.com/api/',
  ),
  SLACK_ALERT_CHANNEL: text(80, 'set the channel id (C0123ABCD) or name for alert-triggered diagnoses'),
  ALERTMANAGER_WEBHOOK: z.preprocess(
    blankToUndefined,
    z
      .enum(['on', 'off'], {
        message: 'must be "on" or "off"; set ALERTMANAGER_WEBHOOK=off to disable POST /alertmanager',
      })
      .optional()
      .transform((v) => v ?? 'on'),
  ),
  ALERTMANAGER_TOKEN: secret(
    "set the bearer token Alertmanager sends (receiver's http_config.authorization.credentials)",
  ),
  PROMETHEUS_URL: httpUrl(
    'set e.g. PROMETHEUS_URL=http://prometheus:9090, or unset it to diagnose without metrics',
  ),
  RULES_DIR: text(4096, 'set RULES_DIR to the directory holding the rule files (*.json)'),
  WEBHOOK_MAX_BYTES: int(
    1024,
    64 * 1024 * 1024,
    1_048_576,
    'set the largest webhook body in bytes, e.g. 1048576',
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.toLowerCase()) : v),
    z
      .enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}; set e.g. LOG_LEVEL=info` })
      .optional()
      .transform((v) => v ?? 'info'),
  ),
  QUEUE_NAME: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(
        /^[A-Za-z0-9._-]{1,64}$/,
        'must be 1-64 letters, digits, ".", "_" or "-"; set e.g. QUEUE_NAME=diagnoses',
      )
      .optional()
      .transform((v) => v ?? 'diagnoses'),
  ),
  QUEUE_PREFIX: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(
        /^\{[A-Za-z0-9._-]{1,64}\}$/,
        'must be a Redis Cluster hash tag: {name} with letters, digits, ".", "_" or "-"; set e.g. QUEUE_PREFIX={reset-doctor}',
      )
      .optional()
      .transform((v) => v ?? '{reset-doctor}'),
  ),
  WORKER_CONCURRENCY: int(1, 256, 4, 'set how many jobs one worker process runs at once, e.g. 4'),
  JOB_ATTEMPTS: int(1, 100, 5, 'set how many times a failing job is tried, e.g. 5'),
  JOB_BACKOFF_MS: int(
    10,
    3_600_000,
    2000,
    'set the first retry delay in milliseconds (it doubles), e.g. 2000',
  ),
  JOB_LOCK_MS: int(500, 600_000, 30_000, 'set the job lock in milliseconds, e.g. 30000'),
  JOBS_KEEP_COMPLETED_S: int(60, 365 * 86_400, 86_400, 'set how long completed jobs are kept, e.g. 86400'),
  JOBS_KEEP_FAILED_S: int(60, 365 * 86_400, 7 * 86_400, 'set how long failed jobs are kept, e.g. 604800'),
  COALESCE_WINDOW_S: int(0, 86_400, 120, 'set the window in seconds, e.g. 120 (0: never coalesce)'),
  DIAGNOSIS_TTL_S: int(60, 365 * 86_400, 7 * 86_400, 'set how long diagnoses are kept, e.g. 604800'),
  SHUTDOWN_TIMEOUT_S: int(1, 3600, 25, 'set how long SIGTERM waits for jobs in flight, e.g. 25'),
});

/** Every variable the bot reads (DESIGN §5 plus the queue tuning): the docs and `--help` list these. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

function maskRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Secret) && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  return [
    `the configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`,
    ...problems.map((p) => `  ${p.variable} ${p.message}`),
  ].join('\n');
}

export interface ReadConfigOptions {
  /** Which parts will run: the webhook token is required only where the webhook is served. */
  readonly role?: Role;
}

/**
 * Reads and validates the configuration from `env` (pass `process.env`). Throws one `CONFIG_INVALID`
 * error listing every problem, each with how to fix it; `problems` carries them for programs.
 */
export function readConfig(env: Env, options: ReadConfigOptions = {}): Config {
  const role = options.role ?? 'all';
  const problems: ConfigProblem[] = [];
  const raw: Record<string, string | undefined> = {};
  for (const name of CONFIG_VARIABLES) raw[name] = env[name];
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ variable: String(issue.path[0] ?? '(environment)'), message: issue.message });
    }
  }
  const e = parsed.success ? parsed.data : undefined;
  const given = (name: string) => blankToUndefined(raw[name]) !== undefined;
  const servesWebhook = role === 'all' || role === 'intake';
  const webhookOn = (e?.ALERTMANAGER_WEBHOOK ?? raw.ALERTMANAGER_WEBHOOK) !== 'off';
  if (servesWebhook && webhookOn && !given('ALERTMANAGER_TOKEN')) {
    problems.push({
      variable: 'ALERTMANAGER_TOKEN',
      message:
        "is required while the Alertmanager webhook is on; set it to the bearer token of the receiver's http_config.authorization (e.g. ALERTMANAGER_TOKEN=$(openssl rand -hex 32)), or set ALERTMANAGER_WEBHOOK=off",
    });
  }
  if (
    given('SLACK_BOT_TOKEN') &&
    !given('SLACK_APP_TOKEN') &&
    !given('SLACK_SIGNING_SECRET') &&
    role !== 'cli'
  ) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      message:
        'is required in HTTP mode (SLACK_BOT_TOKEN set, SLACK_APP_TOKEN unset); copy it from the Slack app settings, or set SLACK_APP_TOKEN for Socket Mode',
    });
  }
  if (problems.length > 0 || !e) {
    const error = new ResetDoctorError('CONFIG_INVALID', formatConfigProblems(problems));
    throw Object.assign(error, { problems });
  }
  const slack: SlackConfig = {
    ...(e.SLACK_BOT_TOKEN && { botToken: e.SLACK_BOT_TOKEN }),
    ...(e.SLACK_SIGNING_SECRET && { signingSecret: e.SLACK_SIGNING_SECRET }),
    ...(e.SLACK_APP_TOKEN && { appToken: e.SLACK_APP_TOKEN }),
    ...(e.SLACK_API_URL && { apiUrl: e.SLACK_API_URL }),
    ...(e.SLACK_ALERT_CHANNEL && { alertChannel: e.SLACK_ALERT_CHANNEL }),
  };
  return deepFreeze<Config>({
    role,
    port: e.PORT,
    redisUrl: new Secret(e.REDIS_URL),
    redisUrlForLog: maskRedisUrl(e.REDIS_URL),
    redisTimeoutMs: e.REDIS_TIMEOUT_MS,
    slack,
    alertmanager: {
      enabled: webhookOn,
      ...(e.ALERTMANAGER_TOKEN && { token: e.ALERTMANAGER_TOKEN }),
    },
    ...(e.PROMETHEUS_URL && { prometheusUrl: e.PROMETHEUS_URL }),
    rulesDir: e.RULES_DIR ?? DEFAULT_RULES_DIR,
    webhookMaxBytes: e.WEBHOOK_MAX_BYTES,
    logLevel: e.LOG_LEVEL,
    queue: {
      name: e.QUEUE_NAME,
      prefix: e.QUEUE_PREFIX,
      attempts: e.JOB_ATTEMPTS,
      backoffMs: e.JOB_BACKOFF_MS,
      concurrency: e.WORKER_CONCURRENCY,
      lockMs: e.JOB_LOCK_MS,
      keepCompletedS: e.JOBS_KEEP_COMPLETED_S,
      keepFailedS: e.JOBS_KEEP_FAILED_S,
    },
    coalesceWindowS: e.COALESCE_WINDOW_S,
    diagnosisTtlS: e.DIAGNOSIS_TTL_S,
    shutdownTimeoutS: e.SHUTDOWN_TIMEOUT_S,
  });
}

export function isConfigError(e: unknown): e is ResetDoctorError & { problems: readonly ConfigProblem[] } {
  return e instanceof ResetDoctorError && e.code === 'CONFIG_INVALID' && 'problems' in e;
}
