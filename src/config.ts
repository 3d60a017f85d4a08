import { inspect } from 'node:util';
import { z } from 'zod';
import type { SlackSettings } from './adapters/slack/slack-settings.js';
import { DEFAULT_RULES_DIR } from './compose.js';
import { DURATION } from './core/facts/promql-template.js';
import { ResetDoctorError } from './errors.js';

/**
 * The bot's configuration: read from the environment once, by `readConfig(env)`, validated against one
 * schema, every problem reported at once with how to fix it, the result frozen. Secrets are wrapped in
 * `Secret` so that logging the configuration (or an object holding a secret) prints `[redacted]`.
 * Variable names are fixed in DESIGN §5; the tuning variables below (queue, Slack, Prometheus, rules,
 * playground) are this project's own. `CONFIG_VARIABLES` lists every name the schema knows.
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

/** Present when SLACK_BOT_TOKEN is set. */
export interface SlackConfig {
  readonly botToken: Secret;
  /** HTTP mode: POST /slack/events verified with it. */
  readonly signingSecret?: Secret;
  /** Socket Mode when set. */
  readonly appToken?: Secret;
  /** Web API base URL, ending with a slash. */
  readonly apiUrl: string;
  readonly alertChannel?: string;
  /** Alert label whose value names the channel for its group. */
  readonly alertChannelLabel: string;
  readonly maxFileBytes: number;
  readonly retry: { readonly attempts: number; readonly baseMs: number };
  readonly outbox: { readonly intervalMs: number; readonly maxBackoffMs: number; readonly keepS: number };
  readonly dedupeTtlS: number;
  readonly archiveTtlS: number;
}

/** How the worker asks Prometheus (used when PROMETHEUS_URL is set). */
export interface PrometheusConfig {
  /** Range of increase()/rate() before the failure (PromQL duration). */
  readonly window: string;
  /** Range the error/traffic correlation looks back over. */
  readonly correlationRange: string;
  /** Queries in flight at once, over all jobs of the process. */
  readonly concurrency: number;
  readonly queryTimeoutMs: number;
  /** Time one incident's fetch may take before the diagnosis goes on with what arrived. */
  readonly deadlineMs: number;
  readonly cacheTtlMs: number;
  readonly errorTtlMs: number;
  /** Sent as `Authorization: Bearer …` (a Prometheus behind an authenticating proxy). */
  readonly bearerToken?: Secret;
}

export interface Config {
  readonly role: Role;
  readonly port: number;
  readonly redisUrl: Secret;
  /** REDIS_URL with any password masked, for logs and messages. */
  readonly redisUrlForLog: string;
  /** How long intake and health checks wait for Redis before answering 503. */
  readonly redisTimeoutMs: number;
  /** Undefined: Slack is off and answers go to the log. */
  readonly slack?: SlackConfig;
  readonly alertmanager: { readonly enabled: boolean; readonly token?: Secret };
  readonly prometheusUrl?: string;
  readonly prometheus: PrometheusConfig;
  readonly rulesDir: string;
  /** Reload the rules when a file in RULES_DIR changes (SIGHUP reloads either way). */
  readonly rulesWatch: boolean;
  /** Serve the rule playground under /playground (trusted networks only: no authentication). */
  readonly playground: boolean;
  readonly webhookMaxBytes: number;
  readonly logLevel: LogLevel;
  readonly queue: QueueConfig;
  /** Alerts for the same service/peer within this many seconds join one diagnosis (0: never). */
  readonly coalesceWindowS: number;
  /** An answer is updated at most once per this many seconds, status changes aside (0: on every change). */
  readonly answerUpdateIntervalS: number;
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

const onOff = (name: string, fallback: boolean, hint: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
    z
      .enum(['1', '0', 'on', 'off', 'true', 'false', 'yes', 'no'], {
        message: `must be 1 or 0 (on/off, true/false); ${hint}, e.g. ${name}=${fallback ? '0' : '1'}`,
      })
      .optional()
      .transform((v) => (v === undefined ? fallback : ['1', 'on', 'true', 'yes'].includes(v))),
  );

const duration = (fallback: string, hint: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(DURATION, `must be a PromQL duration such as 15m, 1h30m or 24h; ${hint}`)
      .optional()
      .transform((v) => v ?? fallback),
  );

/** The Slack variables (also read alone by `readSlackSettings`). */
const SLACK_SHAPE = {
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
  SLACK_ALERT_CHANNEL_LABEL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
        'must be a Prometheus label name; set e.g. SLACK_ALERT_CHANNEL_LABEL=slack_channel',
      )
      .optional()
      .transform((v) => v ?? 'slack_channel'),
  ),
  SLACK_MAX_FILE_BYTES: int(
    1024,
    16 * 1024 * 1024,
    1024 * 1024,
    'set the largest attached text file read, in bytes, e.g. 1048576',
  ),
  SLACK_RETRY_ATTEMPTS: int(1, 10, 4, 'set the attempts per Slack call on 5xx or network errors, e.g. 4'),
  SLACK_RETRY_BASE_MS: int(10, 60_000, 1000, 'set the first backoff between Slack attempts, e.g. 1000'),
  SLACK_OUTBOX_INTERVAL_MS: int(
    50,
    3_600_000,
    15_000,
    'set how often kept answers are retried, in milliseconds, e.g. 15000',
  ),
  SLACK_OUTBOX_MAX_BACKOFF_MS: int(
    100,
    86_400_000,
    300_000,
    'set the longest wait between two tries of a kept answer, e.g. 300000',
  ),
  SLACK_OUTBOX_KEEP_S: int(
    60,
    30 * 86_400,
    3 * 86_400,
    'set how long a kept answer is retried before it is given up, e.g. 259200',
  ),
  SLACK_DEDUPE_TTL_S: int(60, 30 * 86_400, 86_400, 'set how long Slack event ids are remembered, e.g. 86400'),
  SLACK_ARCHIVE_TTL_S: int(
    3600,
    365 * 86_400,
    30 * 86_400,
    'set how long answers stay available for "why not" and votes, e.g. 2592000',
  ),
};

const SlackEnvSchema = z.object(SLACK_SHAPE);

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
  ...SLACK_SHAPE,
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
  PROMETHEUS_WINDOW: duration('15m', 'set the range read before the failure, e.g. PROMETHEUS_WINDOW=15m'),
  PROMETHEUS_CORRELATION_RANGE: duration(
    '24h',
    'set the range the error/traffic correlation reads, e.g. PROMETHEUS_CORRELATION_RANGE=24h',
  ),
  PROMETHEUS_CONCURRENCY: int(1, 256, 8, 'set how many queries run at once, e.g. 8'),
  PROMETHEUS_QUERY_TIMEOUT_MS: int(100, 120_000, 4000, 'set the timeout of one query, e.g. 4000'),
  PROMETHEUS_DEADLINE_MS: int(
    100,
    300_000,
    10_000,
    "set how long one incident's metrics may take, e.g. 10000",
  ),
  PROMETHEUS_CACHE_TTL_MS: int(1, 3_600_000, 60_000, 'set how long answers are reused, e.g. 60000'),
  PROMETHEUS_ERROR_TTL_MS: int(1, 3_600_000, 5000, 'set how long failures are reused, e.g. 5000'),
  PROMETHEUS_BEARER_TOKEN: secret(
    'set the bearer token the proxy in front of Prometheus expects, or unset it',
  ),
  RULES_DIR: text(4096, 'set RULES_DIR to the directory holding the rule files (*.json)'),
  RULES_WATCH: onOff(
    'RULES_WATCH',
    true,
    'reload the rules when RULES_DIR changes (SIGHUP works either way)',
  ),
  PLAYGROUND: onOff(
    'PLAYGROUND',
    false,
    'serve the rule playground under /playground (no authentication: trusted networks only)',
  ),
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
  ANSWER_UPDATE_INTERVAL_S: int(
    0,
    3600,
    10,
    'set the seconds between two updates of one answer, e.g. 10 (0: update on every change)',
  ),
  DIAGNOSIS_TTL_S: int(60, 365 * 86_400, 7 * 86_400, 'set how long diagnoses are kept, e.g. 604800'),
  SHUTDOWN_TIMEOUT_S: int(1, 3600, 25, 'set how long SIGTERM waits for jobs in flight, e.g. 25'),
});

/**
 * Every variable the bot reads (DESIGN §5 plus the tuning variables): the docs list these, and a check of
 * the compose file refuses variables that are not among them.
 */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

/** A Redis URL with its password masked, for logs and messages. */
export function maskRedisUrl(url: string): string {
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

/** What the Slack variables say together (each one alone is checked by the schema). */
function slackProblems(given: (name: string) => boolean, role: Role): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const bot = given('SLACK_BOT_TOKEN');
  if (bot && !given('SLACK_APP_TOKEN') && !given('SLACK_SIGNING_SECRET') && role !== 'cli') {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      message:
        'is required in HTTP mode (SLACK_BOT_TOKEN set, SLACK_APP_TOKEN unset); copy it from the Slack app settings, or set SLACK_APP_TOKEN for Socket Mode',
    });
  }
  if (!bot)
    for (const name of ['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const)
      if (given(name))
        problems.push({
          variable: 'SLACK_BOT_TOKEN',
          message: `is required when ${name} is set; copy the Bot User OAuth Token (xoxb-...) from the Slack app settings, or unset ${name}`,
        });
  return problems;
}

function slackConfigOf(e: z.infer<typeof SlackEnvSchema>): SlackConfig | undefined {
  if (!e.SLACK_BOT_TOKEN) return undefined;
  const apiUrl = e.SLACK_API_URL ?? DEFAULT_SLACK_API_URL;
  return {
    botToken: e.SLACK_BOT_TOKEN,
    ...(e.SLACK_SIGNING_SECRET && { signingSecret: e.SLACK_SIGNING_SECRET }),
    ...(e.SLACK_APP_TOKEN && { appToken: e.SLACK_APP_TOKEN }),
    apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
    ...(e.SLACK_ALERT_CHANNEL && { alertChannel: e.SLACK_ALERT_CHANNEL }),
    alertChannelLabel: e.SLACK_ALERT_CHANNEL_LABEL,
    maxFileBytes: e.SLACK_MAX_FILE_BYTES,
    retry: { attempts: e.SLACK_RETRY_ATTEMPTS, baseMs: e.SLACK_RETRY_BASE_MS },
    outbox: {
      intervalMs: e.SLACK_OUTBOX_INTERVAL_MS,
      maxBackoffMs: e.SLACK_OUTBOX_MAX_BACKOFF_MS,
      keepS: e.SLACK_OUTBOX_KEEP_S,
    },
    dedupeTtlS: e.SLACK_DEDUPE_TTL_S,
    archiveTtlS: e.SLACK_ARCHIVE_TTL_S,
  };
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/** The Slack adapters' settings: the one place the Slack secrets are revealed. */
export function slackSettingsOf(slack: SlackConfig): SlackSettings {
  return Object.freeze({
    botToken: slack.botToken.reveal(),
    ...(slack.signingSecret && { signingSecret: slack.signingSecret.reveal() }),
    ...(slack.appToken && { appToken: slack.appToken.reveal() }),
    apiUrl: slack.apiUrl,
    ...(slack.alertChannel && { alertChannel: slack.alertChannel }),
    alertChannelLabel: slack.alertChannelLabel,
    maxFileBytes: slack.maxFileBytes,
    retry: slack.retry,
    outbox: slack.outbox,
    dedupeTtlS: slack.dedupeTtlS,
    archiveTtlS: slack.archiveTtlS,
  });
}

const SLACK_VARIABLES: readonly string[] = Object.keys(SLACK_SHAPE);

/**
 * Only the Slack variables (the same schema, every problem at once): undefined when SLACK_BOT_TOKEN is
 * unset. For tools and tests that run the Slack side alone; the bot reads everything with `readConfig`.
 */
export function readSlackSettings(env: Env): SlackSettings | undefined {
  const raw: Record<string, string | undefined> = {};
  for (const name of SLACK_VARIABLES) raw[name] = env[name];
  const parsed = SlackEnvSchema.safeParse(raw);
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        variable: String(i.path[0] ?? '(environment)'),
        message: i.message,
      }));
  problems.push(...slackProblems((name) => blankToUndefined(raw[name]) !== undefined, 'all'));
  if (problems.length > 0 || !parsed.success)
    throw Object.assign(new ResetDoctorError('CONFIG_INVALID', formatConfigProblems(problems)), { problems });
  const slack = slackConfigOf(parsed.data);
  return slack === undefined ? undefined : slackSettingsOf(slack);
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
  problems.push(...slackProblems(given, role));
  if (problems.length > 0 || !e) {
    const error = new ResetDoctorError('CONFIG_INVALID', formatConfigProblems(problems));
    throw Object.assign(error, { problems });
  }
  const slack = slackConfigOf(e);
  return deepFreeze<Config>({
    role,
    port: e.PORT,
    redisUrl: new Secret(e.REDIS_URL),
    redisUrlForLog: maskRedisUrl(e.REDIS_URL),
    redisTimeoutMs: e.REDIS_TIMEOUT_MS,
    ...(slack === undefined ? {} : { slack }),
    alertmanager: {
      enabled: webhookOn,
      ...(e.ALERTMANAGER_TOKEN && { token: e.ALERTMANAGER_TOKEN }),
    },
    ...(e.PROMETHEUS_URL && { prometheusUrl: e.PROMETHEUS_URL }),
    prometheus: {
      window: e.PROMETHEUS_WINDOW,
      correlationRange: e.PROMETHEUS_CORRELATION_RANGE,
      concurrency: e.PROMETHEUS_CONCURRENCY,
      queryTimeoutMs: e.PROMETHEUS_QUERY_TIMEOUT_MS,
      deadlineMs: e.PROMETHEUS_DEADLINE_MS,
      cacheTtlMs: e.PROMETHEUS_CACHE_TTL_MS,
      errorTtlMs: e.PROMETHEUS_ERROR_TTL_MS,
      ...(e.PROMETHEUS_BEARER_TOKEN && { bearerToken: e.PROMETHEUS_BEARER_TOKEN }),
    },
    rulesDir: e.RULES_DIR ?? DEFAULT_RULES_DIR,
    rulesWatch: e.RULES_WATCH,
    playground: e.PLAYGROUND,
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
    answerUpdateIntervalS: e.ANSWER_UPDATE_INTERVAL_S,
    diagnosisTtlS: e.DIAGNOSIS_TTL_S,
    shutdownTimeoutS: e.SHUTDOWN_TIMEOUT_S,
  });
}

export function isConfigError(e: unknown): e is ResetDoctorError & { problems: readonly ConfigProblem[] } {
  return e instanceof ResetDoctorError && e.code === 'CONFIG_INVALID' && 'problems' in e;
}
