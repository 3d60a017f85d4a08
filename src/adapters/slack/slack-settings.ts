/**
 * What the Slack adapters need to know, as plain values. The bot reads it from the environment with the
 * rest of its configuration (src/config.ts: `readConfig` → `slackSettingsOf`, or `readSlackSettings` for
 * the Slack variables alone); this module only describes it.
 */
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
