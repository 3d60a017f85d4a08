import { type Command, Option } from 'commander';
import { createLogger } from '../../adapters/logging/create-logger.js';
import {
  type BullmqQueue,
  createBullmqQueue,
  type FailedJob,
} from '../../adapters/queue/bullmq-job-queue.js';
import { closeRedis, createRedis, waitForRedis } from '../../adapters/redis/create-redis.js';
import { readConfig } from '../../config.js';

/**
 * `reset-doctor jobs failed|retry|counts`: the bot's queue for operators. Reads REDIS_URL, QUEUE_NAME and
 * QUEUE_PREFIX like the bot does.
 */

type Write = (s: string) => Promise<void>;

async function withQueue<T>(run: (queue: BullmqQueue, where: string) => Promise<T>): Promise<T> {
  const config = readConfig(process.env, { role: 'cli' });
  const client = createRedis(
    {
      url: config.redisUrl.reveal(),
      kind: 'producer',
      timeoutMs: config.redisTimeoutMs,
      name: 'reset-doctor-cli',
    },
    createLogger({ level: 'silent' }),
  );
  const where = `${config.queue.name} (${config.queue.prefix} on ${config.redisUrlForLog})`;
  try {
    await waitForRedis(client, config.redisTimeoutMs, config.redisUrlForLog);
    const queue = createBullmqQueue(client, config.queue, {
      timeoutMs: config.redisTimeoutMs,
      groupTtlS: config.diagnosisTtlS,
    });
    try {
      return await run(queue, where);
    } finally {
      await queue.close();
    }
  } finally {
    await closeRedis(client);
  }
}

function formatFailed(jobs: readonly FailedJob[], where: string): string {
  if (jobs.length === 0) return `no failed jobs in ${where}\n`;
  const rows = jobs.map((j) =>
    [
      j.id,
      j.incidentId ?? '-',
      `attempts ${j.attemptsMade}`,
      j.finishedOn === undefined ? '-' : new Date(j.finishedOn).toISOString(),
      j.failedReason.replace(/\s+/g, ' ').slice(0, 200),
    ].join('  '),
  );
  return `${jobs.length} failed job${jobs.length === 1 ? '' : 's'} in ${where}:\n${rows.join('\n')}\nretry one with: npx reset-doctor jobs retry <id>\n`;
}

/** Adds `jobs` to the program (as a child, so it inherits the program's error handling). */
export function registerJobsCommand(program: Command, write: Write): Command {
  const jobs = program
    .command('jobs')
    .description(
      'look at the diagnosis queue and replay failed jobs (uses REDIS_URL, QUEUE_NAME, QUEUE_PREFIX)',
    );

  jobs
    .command('failed')
    .description('list failed jobs, newest first: id, incident id, attempts, when, why')
    .addOption(
      new Option('--limit <n>', 'how many')
        .default('50')
        .argParser((v) => Math.max(1, Number.parseInt(v, 10) || 50)),
    )
    .option('--json', 'one JSON array')
    .action(async (flags: { limit: number; json?: boolean }) => {
      await withQueue(async (queue, where) => {
        const failed = await queue.failed(flags.limit);
        await write(flags.json ? `${JSON.stringify(failed)}\n` : formatFailed(failed, where));
      });
    });

  jobs
    .command('retry')
    .description(
      'move failed jobs back to the queue (the diagnosis runs again, the answer is delivered once)',
    )
    .argument('<id...>', 'job ids, as `jobs failed` lists them')
    .action(async (ids: string[]) => {
      await withQueue(async (queue) => {
        for (const id of ids) {
          await queue.retry(id);
          await write(`${id}: queued again\n`);
        }
      });
    });

  jobs
    .command('counts')
    .description('jobs per state')
    .option('--json', 'one JSON object')
    .action(async (flags: { json?: boolean }) => {
      await withQueue(async (queue, where) => {
        const counts = await queue.counts();
        await write(
          flags.json
            ? `${JSON.stringify(counts)}\n`
            : `${where}\n${Object.entries(counts)
                .map(([state, n]) => `${state.padEnd(12)} ${n}`)
                .join('\n')}\n`,
        );
      });
    });

  return jobs;
}
