import { z } from 'zod';
import { AlertmanagerPayloadSchema, AlertSchema } from '../core/parse/parse-alert.js';

/**
 * What POST /alertmanager accepts: an Alertmanager webhook (payload version 4). Stricter than the core's
 * alert parser, which also takes hand-written alerts: a webhook must carry the group key and every alert
 * its fingerprint and status, because the job id and the group's lifecycle are derived from them.
 */

export const WebhookAlertSchema = AlertSchema.extend({
  status: z.enum(['firing', 'resolved']),
  fingerprint: z.string().min(1).max(128),
});

export const AlertmanagerWebhookSchema = AlertmanagerPayloadSchema.extend({
  version: z.literal('4', { message: 'only Alertmanager webhook payload version "4" is supported' }),
  groupKey: z.string().min(1).max(4096),
  alerts: z.array(WebhookAlertSchema).min(1).max(10_000),
});

export type AlertmanagerWebhook = z.infer<typeof AlertmanagerWebhookSchema>;

/** Zod issues as one line a person can act on: `alerts[0].fingerprint: expected string, received undefined`. */
export function describeIssues(error: z.ZodError, max = 5): string {
  const lines = error.issues.slice(0, max).map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
      .join('');
    return `${path || '(body)'}: ${issue.message.replace(/^Invalid input: /, '')}`;
  });
  const more = error.issues.length > max ? `; and ${error.issues.length - max} more` : '';
  return `${lines.join('; ')}${more}`;
}
