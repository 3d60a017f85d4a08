import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Accepted } from '../../app/accept-alert.js';
import {
  type AlertmanagerWebhook,
  AlertmanagerWebhookSchema,
  describeIssues,
} from '../../app/alertmanager-webhook.js';
import { isResetDoctorError } from '../../errors.js';
import type { BotMetrics } from '../telemetry/create-bot-metrics.js';
import type { HttpPlugin } from './create-http-server.js';
import { errorBody, handleHttpError } from './http-errors.js';

export interface AlertmanagerRouteDeps {
  /** The bearer token Alertmanager must send (ALERTMANAGER_TOKEN). */
  readonly token: string;
  /** WEBHOOK_MAX_BYTES: larger bodies get 413 before they are read. */
  readonly maxBytes: number;
  readonly accept: (payload: AlertmanagerWebhook, log: Logger) => Promise<Accepted>;
  readonly metrics: BotMetrics;
  readonly logger: Logger;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Compares in constant time (over fixed-length digests, so the token's length does not leak either). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  const given = m?.[1] ?? '';
  const ok = timingSafeEqual(digest(given), digest(token));
  return ok && given.length > 0;
}

/** The webhook metric's outcome label for a request that ended in an error. */
function outcomeOf(error: unknown): string {
  if (isResetDoctorError(error)) return error.code === 'REDIS_UNAVAILABLE' ? 'unavailable' : 'error';
  const status = error instanceof Error && 'statusCode' in error ? error.statusCode : undefined;
  if (status === 413) return 'too_large';
  return typeof status === 'number' && status < 500 ? 'invalid' : 'error';
}

/**
 * POST /alertmanager: bearer auth (401), a body limit (413), JSON (400), the webhook schema (400, naming
 * the field), then the job; 202 only once the job is in Redis, 503 when Redis cannot take it so that
 * Alertmanager's retry delivers the notification later.
 */
export function alertmanagerRoute(deps: AlertmanagerRouteDeps): HttpPlugin {
  const outcome = (o: string) => deps.metrics.webhookRequests.inc({ outcome: o });
  const plugin: FastifyPluginAsync = async (app) => {
    app.post(
      '/alertmanager',
      {
        bodyLimit: deps.maxBytes,
        onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
          if (bearerMatches(request.headers.authorization, deps.token)) return;
          outcome('unauthorized');
          request.log.warn(
            { remote: request.ip, hasAuthorization: request.headers.authorization !== undefined },
            'webhook rejected: missing or wrong bearer token',
          );
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer realm="reset-doctor"')
            .send(errorBody('UNAUTHORIZED', 'a valid bearer token (ALERTMANAGER_TOKEN) is required'));
        },
        errorHandler: (error, request, reply) => {
          outcome(outcomeOf(error));
          return handleHttpError(error, request, reply);
        },
      },
      async (request, reply) => {
        const parsed = AlertmanagerWebhookSchema.safeParse(request.body);
        if (!parsed.success) {
          outcome('invalid');
          const message = `not an Alertmanager webhook (version 4): ${describeIssues(parsed.error)}`;
          request.log.warn({ problem: message }, 'webhook rejected: invalid payload');
          return reply.code(400).send(errorBody('BAD_INPUT', message));
        }
        const accepted = await deps.accept(parsed.data, deps.logger.child({ reqId: request.id }));
        outcome(accepted.duplicate ? 'duplicate' : 'accepted');
        if (!accepted.duplicate) deps.metrics.jobsReceived.inc({ source: 'alertmanager' });
        return reply.code(202).send({
          status: accepted.duplicate ? 'duplicate' : 'accepted',
          incidentId: accepted.incidentId,
          jobId: accepted.jobId,
          ...(accepted.cancelled.length > 0 ? { cancelled: accepted.cancelled } : {}),
        });
      },
    );
  };
  return { name: 'alertmanager', plugin };
}
