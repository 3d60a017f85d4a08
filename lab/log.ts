import { type Logger, pino } from 'pino';
import type { LabOptions } from './options.js';

/**
 * Each lab service logs the way a Node service in production does: pino JSON lines on stdout, one per event,
 * with the service name, errors serialised with their message, code and stack.
 */
export function createServiceLogger(
  service: string,
  fields: { readonly scenario: string; readonly namespace: string },
  level: LabOptions['logLevel'],
): Logger {
  return pino({
    level,
    base: { pid: process.pid, service, scenario: fields.scenario, namespace: fields.namespace },
    serializers: { err: pino.stdSerializers.err },
  });
}
