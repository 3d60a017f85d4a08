/**
 * The one error module. Every error a user can meet has a stable `code`, is listed in docs/errors.md with
 * how to fix it (a test keeps the two in step), and says whether retrying can help. Errors become outcomes
 * only at the edge: an exit code, an HTTP status, a BullMQ UnrecoverableError, a Slack line with the incident id.
 */

export const ERROR_CODES = {
  BAD_USAGE: { retryable: false, exitCode: 2 },
  BAD_INPUT: { retryable: false, exitCode: 2 },
  INPUT_TOO_LARGE: { retryable: false, exitCode: 2 },
  RULES_INVALID: { retryable: false, exitCode: 2 },
  CATALOGUE_INVALID: { retryable: false, exitCode: 2 },
  CONFIG_INVALID: { retryable: false, exitCode: 2 },
  PROMETHEUS_UNAVAILABLE: { retryable: true, exitCode: 1 },
  PROMETHEUS_QUERY_FAILED: { retryable: false, exitCode: 1 },
  REDIS_UNAVAILABLE: { retryable: true, exitCode: 1 },
  SLACK_UNAVAILABLE: { retryable: true, exitCode: 1 },
  SLACK_REJECTED: { retryable: false, exitCode: 1 },
  JOB_NOT_FOUND: { retryable: false, exitCode: 1 },
  JOB_INVALID: { retryable: false, exitCode: 1 },
  ANSWER_BUSY: { retryable: true, exitCode: 1 },
  UNAUTHORIZED: { retryable: false, exitCode: 1 },
  NOT_FOUND: { retryable: false, exitCode: 1 },
  INTERNAL: { retryable: false, exitCode: 1 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class ResetDoctorError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  override readonly name = 'ResetDoctorError';

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.retryable = ERROR_CODES[code].retryable;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exitCode;
  }
}

export function isResetDoctorError(e: unknown): e is ResetDoctorError {
  return e instanceof ResetDoctorError;
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
