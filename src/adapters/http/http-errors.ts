import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, isResetDoctorError } from '../../errors.js';

/** Our error codes as HTTP statuses: the edge where errors become outcomes. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_INPUT: 400,
  BAD_USAGE: 400,
  JOB_INVALID: 400,
  UNAUTHORIZED: 401,
  JOB_NOT_FOUND: 404,
  NOT_FOUND: 404,
  INPUT_TOO_LARGE: 413,
  REDIS_UNAVAILABLE: 503,
  PROMETHEUS_UNAVAILABLE: 503,
  SLACK_UNAVAILABLE: 503,
};

/** The HTTP status a code becomes (500 for codes no route should produce). */
export function httpStatusOf(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

function isFastifyError(e: unknown): e is FastifyError {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('FST_');
}

/** One JSON shape for every error answer: `{error: {code, message}}`. */
export function handleHttpError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isResetDoctorError(error)) {
    const status = httpStatusOf(error.code);
    if (status >= 500) request.log.warn({ err: error }, 'request failed');
    if (status === 503) reply.header('retry-after', '5');
    return reply.code(status).send(errorBody(error.code, error.message));
  }
  if (isFastifyError(error) && error.statusCode !== undefined && error.statusCode < 500) {
    const code = error.statusCode === 413 ? 'INPUT_TOO_LARGE' : 'BAD_INPUT';
    const message =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'the body is larger than WEBHOOK_MAX_BYTES allows'
        : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? `the body is not valid JSON: ${error.message}`
          : error.message;
    return reply.code(error.statusCode).send(errorBody(code, message));
  }
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send(errorBody('INTERNAL', 'internal error; see the bot log'));
}
