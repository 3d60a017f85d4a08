import { Queue } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { firingFor } from '../support/alertmanager-fixtures.js';
import { disposeBots, startTestBot, type TestBot } from '../support/bot-harness.js';
import { type BotProcess, killBotProcess, type LogLine, startBotProcess } from '../support/bot-process.js';
import { SHARED_REDIS_URL, uniquePrefix } from '../support/shared-redis.js';
import { sleep, waitFor } from '../support/wait-for.js';

/**
 * Worker processes (`npm start -- --role worker`, the built dist) sharing one queue on the real Redis:
 * two drain it together, one killed with SIGKILL mid-job has its jobs recovered and diagnosed once, one
 * stopped with SIGTERM finishes its jobs in flight and exits cleanly.
 */

const bots: TestBot[] = [];
const processes: BotProcess[] = [];
const queues: Queue[] = [];
afterEach(async () => {
  await Promise.all(processes.splice(0).map(killBotProcess));
});
afterAll(async () => {
  await Promise.all(queues.map((q) => q.close()));
  await disposeBots(bots);
});

function worker(prefix: string, extra: Record<string, string> = {}): BotProcess {
  const p = startBotProcess(['--role', 'worker'], {
    REDIS_URL: SHARED_REDIS_URL,
    QUEUE_PREFIX: prefix,
    WORKER_CONCURRENCY: '4',
    JOB_LOCK_MS: '1000',
    COALESCE_WINDOW_S: '0',
    ...extra,
  });
  processes.push(p);
  return p;
}

async function setup(label: string) {
  const prefix = uniquePrefix(label);
  const intake = await startTestBot({ role: 'intake', prefix });
  bots.push(intake);
  const queue = new Queue(intake.config.queue.name, { connection: { url: SHARED_REDIS_URL }, prefix });
  queues.push(queue);
  return { prefix, intake, queue };
}

async function postMany(intake: TestBot, n: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, n - i) }, (_, k) =>
        intake.post(firingFor(`${label}${i + k}`, `svc-${i + k}`)),
      ),
    );
    for (const r of batch) {
      expect(r.status).toBe(202);
      ids.push(((await r.json()) as { incidentId: string }).incidentId);
    }
  }
  return ids;
}

const started = (p: BotProcess) =>
  p.waitForLine('the worker to start', (l) => l.msg === 'reset-doctor started');

const delivered = (lines: readonly LogLine[]): string[] =>
  lines
    .filter((l) => l.msg === 'diagnosis delivered')
    .map((l) => String((l.answer as { incidentId?: unknown })?.incidentId));

const jobsDone = (lines: readonly LogLine[]): string[] =>
  lines.filter((l) => l.msg === 'job done').map((l) => String(l.jobId));

function countsOf(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}

/**
 * Lets a stopped worker run in short slices until it is caught (SIGSTOP) holding jobs. With `clean`, only
 * a moment where no job has delivered its answer without recording that (the one window where a crash
 * repeats a delivery: at-least-once) counts.
 */
async function catchMidJob(
  p: BotProcess,
  queue: Queue,
  intake: TestBot,
  clean: boolean,
): Promise<readonly { id: string; incidentId: string }[]> {
  for (let round = 0; round < 200; round++) {
    p.signal('SIGCONT');
    await sleep(2 + (round % 5));
    p.signal('SIGSTOP');
    await sleep(60);
    const active = await queue.getActive();
    if (active.length === 0) continue;
    const jobs = active.map((j) => ({ id: String(j.id), incidentId: String(j.data.incidentId) }));
    if (clean) {
      const shown = new Set(delivered(p.lines));
      const records = await Promise.all(jobs.map((j) => intake.bot.store.get(j.incidentId)));
      if (jobs.some((j, i) => shown.has(j.incidentId) && records[i]?.delivery === undefined)) continue;
    }
    return jobs;
  }
  throw new Error('never caught the worker with a job in flight');
}

describe('worker processes', { timeout: 180_000 }, () => {
  it('two workers drain one queue together; no job is processed twice', async () => {
    const { intake, queue } = await setup('two');
    const a = worker(intake.config.queue.prefix);
    const b = worker(intake.config.queue.prefix);
    await Promise.all([started(a), started(b)]);
    const incidents = await postMany(intake, 40, 'Two');
    await waitFor('40 answers', () => delivered([...a.lines, ...b.lines]).length >= 40, 60_000);
    await waitFor(
      'the queue to drain',
      async () => (await queue.getJobCounts('completed')).completed === 40,
      60_000,
    );
    // Log lines travel through pipes: the last ones may arrive just after Redis says done.
    await waitFor('every job logged', () => jobsDone([...a.lines, ...b.lines]).length >= 40, 10_000);

    const byA = jobsDone(a.lines);
    const byB = jobsDone(b.lines);
    expect(byA.length).toBeGreaterThan(0);
    expect(byB.length).toBeGreaterThan(0);
    expect(byA.filter((id) => byB.includes(id))).toEqual([]);
    expect(byA.length + byB.length).toBe(40);
    const answers = countsOf(delivered([...a.lines, ...b.lines]));
    expect([...answers.keys()].sort()).toEqual([...incidents].sort());
    expect([...answers.values()].every((n) => n === 1)).toBe(true);
    // Every line about a job names its incident.
    for (const l of [...a.lines, ...b.lines])
      if (l.jobId !== undefined) expect(l.incidentId).toMatch(/^inc-/);

    a.signal('SIGTERM');
    b.signal('SIGTERM');
    expect((await a.exited).code).toBe(0);
    expect((await b.exited).code).toBe(0);
  });

  it('a worker killed with SIGKILL mid-job: its jobs are recovered and each is diagnosed once', async () => {
    const { intake, queue } = await setup('kill');
    const a = worker(intake.config.queue.prefix);
    await started(a);
    a.signal('SIGSTOP');
    const incidents = await postMany(intake, 60, 'Kill');
    const inFlight = await catchMidJob(a, queue, intake, true);
    a.signal('SIGKILL');
    await a.exited;
    expect(inFlight.length).toBeGreaterThan(0);
    // The dead worker's jobs are still active: nobody finished them.
    expect((await queue.getActive()).map((j) => j.id).sort()).toEqual(inFlight.map((j) => j.id).sort());

    const b = worker(intake.config.queue.prefix);
    await waitFor(
      'every job completed',
      async () => (await queue.getJobCounts('completed')).completed === 60,
      60_000,
    );
    const counts = await queue.getJobCounts('active', 'failed', 'waiting');
    expect(counts).toMatchObject({ active: 0, failed: 0, waiting: 0 });
    // A job completes in Redis just after its worker logs the delivery: the log line may still be on its
    // way through the pipe when the count says done.
    await waitFor(
      'every delivery logged',
      async () =>
        countsOf(delivered([...a.lines, ...b.lines])).size === incidents.length &&
        inFlight.every((j) => jobsDone(b.lines).includes(j.id ?? '')),
      10_000,
    );
    const byB = new Set(jobsDone(b.lines));
    for (const j of inFlight) expect(byB.has(j.id)).toBe(true);
    const answers = countsOf(delivered([...a.lines, ...b.lines]));
    expect([...answers.keys()].sort()).toEqual([...incidents].sort());
    expect([...answers.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    for (const j of inFlight) {
      const record = await intake.bot.store.get(j.incidentId);
      expect(record?.diagnosis?.incidentId).toBe(j.incidentId);
    }
  });

  it('SIGTERM: the worker stops taking jobs, finishes those in flight, and exits 0', async () => {
    const { intake, queue } = await setup('term');
    const a = worker(intake.config.queue.prefix);
    await started(a);
    a.signal('SIGSTOP');
    await postMany(intake, 60, 'Term');
    const inFlight = await catchMidJob(a, queue, intake, false);
    a.signal('SIGTERM');
    a.signal('SIGCONT');
    const exit = await a.exited;
    expect(exit.code).toBe(0);
    expect(a.lines.find((l) => l.msg === 'reset-doctor stopped')).toMatchObject({ forced: false });
    const doneByA = new Set(jobsDone(a.lines));
    for (const j of inFlight) expect(doneByA.has(j.id)).toBe(true);
    const after = await queue.getJobCounts('active', 'completed', 'waiting', 'failed');
    expect(after.active).toBe(0);
    expect(after.failed).toBe(0);
    expect((after.completed ?? 0) + (after.waiting ?? 0)).toBe(60);

    const b = worker(intake.config.queue.prefix);
    await waitFor(
      'the rest drained',
      async () => (await queue.getJobCounts('completed')).completed === 60,
      60_000,
    );
    await waitFor(
      'every delivery logged',
      async () => countsOf(delivered([...a.lines, ...b.lines])).size === 60,
      10_000,
    );
    const answers = countsOf(delivered([...a.lines, ...b.lines]));
    expect(answers.size).toBe(60);
    expect([...answers.values()].every((n) => n === 1)).toBe(true);
  });
});
