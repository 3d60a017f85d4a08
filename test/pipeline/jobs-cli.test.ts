import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/alertmanager-fixtures.js';
import { disposeBots, startTestBot, type TestBot } from '../support/bot-harness.js';
import { runCli } from '../support/run-cli.js';
import { SHARED_REDIS_URL } from '../support/shared-redis.js';
import { waitFor } from '../support/wait-for.js';

/** Failed jobs: bounded attempts with backoff, then `reset-doctor jobs failed` and `jobs retry ID`. */

let t: TestBot;
let queue: Queue;
afterAll(async () => {
  await queue?.close();
  await disposeBots([t]);
});

const cli = (args: string[]) =>
  runCli(['jobs', ...args], { env: { REDIS_URL: SHARED_REDIS_URL, QUEUE_PREFIX: t.config.queue.prefix } });

describe('failed jobs', () => {
  it('a job whose delivery keeps failing ends in the failed list after JOB_ATTEMPTS, and a retry delivers it', async () => {
    t = await startTestBot({ env: { JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '20' } });
    queue = new Queue(t.config.queue.name, {
      connection: { url: SHARED_REDIS_URL },
      prefix: t.config.queue.prefix,
    });
    t.notifier.failWith = new Error('Slack is down');
    const r = await t.post(fixture('amtoolAdded'));
    const { jobId, incidentId } = (await r.json()) as { jobId: string; incidentId: string };
    await waitFor('the job to fail', async () => (await queue.getJobCounts('failed')).failed === 1);

    const listed = await cli(['failed']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(jobId);
    expect(listed.stdout).toContain(incidentId);
    expect(listed.stdout).toMatch(/attempts 3 .*Slack is down/);

    const json = await cli(['failed', '--json']);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ id: jobId, incidentId, attemptsMade: 3, failedReason: 'Slack is down' }),
    ]);

    t.notifier.failWith = undefined;
    const retried = await cli(['retry', jobId]);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain(`${jobId}: queued again`);
    await waitFor('the delivery', () => t.notifier.delivered.length === 1);
    expect(t.notifier.delivered[0]?.incidentId).toBe(incidentId);
    // The diagnosis was made once, on the first attempt; the retries only delivered it.
    expect(t.logs.lines.filter((l) => l.msg === 'diagnosed' && l.incidentId === incidentId)).toHaveLength(1);
    expect((await cli(['failed'])).stdout).toMatch(/^no failed jobs/);

    const again = await cli(['retry', jobId]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is completed; only failed jobs can be retried/);
    const missing = await cli(['retry', 'am-does-not-exist']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no job am-does-not-exist/);
  });

  it('a job retrying cannot help (invalid data) fails at once, without using its attempts', async () => {
    await queue.add(
      'alert-group',
      {
        kind: 'alert-group',
        jobId: 'bad-1',
        incidentId: 'inc-bad1',
        receivedAt: 0,
        payload: { status: 'firing' },
      },
      { jobId: 'bad-1', attempts: 5, backoff: { type: 'fixed', delay: 10 } },
    );
    await waitFor('the job to fail', async () => (await queue.getJob('bad-1'))?.failedReason);
    const job = await queue.getJob('bad-1');
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/^JOB_INVALID: .*alerts/);
    const counts = await cli(['counts', '--json']);
    expect(JSON.parse(counts.stdout)).toMatchObject({ failed: 1, completed: 1 });
  });
});
