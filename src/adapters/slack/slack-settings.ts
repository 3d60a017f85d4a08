import { z } from 'zod';
import { ResetDoctorError } from '../../errors.js';

/**
 * The Slack part of the bot's configuration (DESIGN §5 names, plus tuning knobs), read from the environment
 * once and validated with every problem reported together. The lead may fold this schema into src/config.ts.
 */

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

export const SlackEnvSchema = z
  .object({
    SLACK_BOT_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^xox[bp]-/, 'a bot token starts with xoxb-')
        .optional(),
    ),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^xapp-/, 'an app-level token starts with xapp-')
        .optional(),
    ),
    SLACK_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    SLACK_ALERT_CHANNEL: optionalText,
    /** Alert label naming the channel for its group (e.g. `slack_channel="#payments-oncall"`). */
    SLACK_ALERT_CHANNEL_LABEL: z.string().trim().min(1).max(128).default('slack_channel'),
    /** Largest attached text file read from a message. */
    SLACK_MAX_FILE_BYTES: int(1024, 16 * 1024 * 1024, 1024 * 1024),
    /** Attempts per Slack call on 5xx or network errors before the answer goes to the outbox. */
    SLACK_RETRY_ATTEMPTS: int(1, 10, 4),
    /** First backoff between attempts (doubles each time). */
    SLACK_RETRY_BASE_MS: int(10, 60_000, 1000),
    /** How often the outbox retries answers Slack could not take. */
    SLACK_OUTBOX_INTERVAL_MS: int(50, 3_600_000, 15_000),
    /** Longest wait between two outbox attempts of one answer. */
    SLACK_OUTBOX_MAX_BACKOFF_MS: int(100, 86_400_000, 300_000),
    /** How long an undelivered answer is kept before it is given up (logged as lost). */
    SLACK_OUTBOX_KEEP_S: int(60, 30 * 86_400, 3 * 86_400),
    /** How long event ids are remembered against Slack's redeliveries. */
    SLACK_DEDUPE_TTL_S: int(60, 30 * 86_400, 86_400),
    /** How long answers are kept for "why not" and feedback. */
    SLACK_ARCHIVE_TTL_S: int(3600, 365 * 86_400, 30 * 86_400),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'required in HTTP mode (set it, or SLACK_APP_TOKEN for Socket Mode)',
      });
    if (!env.SLACK_BOT_TOKEN && (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET))
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set',
      });
  });

export interface SlackSettings {
  readonly botToken: string;
  /** HTTP mode: POST /slack/events verified with this secret. */
  readonly signingSecret?: string;
  /** Socket Mode when set. */
  readonly appToken?: string;
  /** Web API base URL, ending with a slash. */
  readonly apiUrl: string;
  readonly alertChannel?: string;
  readonly alertChannelLabel: string;
  readonly maxFileBytes: number;
  readonly retry: { readonly attempts: number; readonly baseMs: number };
  readonly outbox: { readonly intervalMs: number; readonly maxBackoffMs: number; readonly keepS: number };
  readonly dedupeTtlS: number;
  readonly archiveTtlS: number;
}

/** Keys whose values must never be logged. */
export const SLACK_SECRET_KEYS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const;

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/** undefined: Slack is not configured (the bot logs answers instead). */
export function readSlackSettings(
  env: Readonly<Record<string, string | undefined>>,
): SlackSettings | undefined {
  const parsed = SlackEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ResetDoctorError('CONFIG_INVALID', `invalid Slack settings:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  if (!e.SLACK_BOT_TOKEN) return undefined;
  const apiUrl = e.SLACK_API_URL ?? DEFAULT_SLACK_API_URL;
  return Object.freeze({
    botToken: e.SLACK_BOT_TOKEN,
    ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
    ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
    apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
    ...(e.SLACK_ALERT_CHANNEL ? { alertChannel: e.SLACK_ALERT_CHANNEL } : {}),
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
  });
}
