import { parseArgs } from 'node:util';
import { SECTIONS, type Section } from './report.js';

export interface BenchOptions {
  readonly quick: boolean;
  readonly only: readonly Section[];
  /** WORKER_CONCURRENCY of the bot's worker and of the bare BullMQ worker alike. */
  readonly concurrency: number;
  /** Worker processes (the bot's, and bare BullMQ ones for the floor alike). */
  readonly workers: number;
  /** LOG_LEVEL of the measured bot processes (their lines go to /dev/null). */
  readonly logLevel: string;
  readonly out: string;
}

export const USAGE = `usage: npm run bench -- [--quick] [--only ${SECTIONS.join(',')}] [--concurrency N] [--workers N] [--log-level info] [--out FILE]`;

export function parseOptions(argv: readonly string[], defaultOut: string): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
      workers: { type: 'string', default: '1' },
      'log-level': { type: 'string', default: 'info' },
      out: { type: 'string', default: defaultOut },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) throw Object.assign(new Error(USAGE), { help: true });
  const only = values.only === undefined ? [...SECTIONS] : values.only.split(',').map((s) => s.trim());
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}\n${USAGE}`);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)
    throw new Error(`--concurrency must be a whole number from 1 to 256\n${USAGE}`);
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 16)
    throw new Error(`--workers must be a whole number from 1 to 16\n${USAGE}`);
  return {
    quick: values.quick,
    only: only as Section[],
    concurrency,
    workers,
    logLevel: values['log-level'],
    out: values.out,
  };
}
