import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { emptyDiagnosis } from '../../test/support/diagnosis.js';
import type {
  DeliveryRef,
  DiagnosisStore,
  IncidentRecord,
  Revision,
  ShownAnswer,
} from './diagnosis-store.js';
import type { JobOptions, JobQueue } from './job-queue.js';
import type { Answer, Notifier } from './notifier.js';
import { type PipelineJob, PipelineJobSchema } from './pipeline-job.js';
import type { PipelineTelemetry } from './pipeline-telemetry.js';
import { type SyncDeps, type SyncOptions, syncAnswer, syncJobId } from './sync-answer.js';

const log = pino({ level: 'silent' });
const t0 = Date.parse('2026-11-24T12:39:08Z');

const diagnosis = emptyDiagnosis();

/** The store as the Redis one behaves for a sync: records by id, markDelivered as its Lua script. */
class FakeStore implements Pick<DiagnosisStore, 'get' | 'markDelivered' | 'withAnswerLock'> {
  readonly records = new Map<string, IncidentRecord>();
  #lock: Promise<unknown> = Promise.resolve();

  add(over: Partial<IncidentRecord> = {}): IncidentRecord {
    const record: IncidentRecord = {
      incidentId: 'inc-1',
      source: 'alertmanager',
      createdAt: t0,
      status: 'open',
      rev: 1,
      deliveredRev: -1,
      groups: { g1: { groupKey: 'k1', status: 'firing', alerts: 1, firing: 1, names: ['ResetsHigh'] } },
      jobs: 1,
      diagnosis,
      ...over,
    };
    this.records.set(record.incidentId, record);
    return record;
  }

  /** One more alert group joins the incident (a change: the revision goes up). */
  join(incidentId: string, groupId: string): void {
    const r = this.records.get(incidentId);
    if (!r) throw new Error(`no ${incidentId}`);
    const groups = {
      ...r.groups,
      [groupId]: {
        groupKey: groupId,
        status: 'firing' as const,
        alerts: 1,
        firing: 1,
        names: ['ResetsHigh'],
      },
    };
    this.records.set(incidentId, { ...r, groups, rev: r.rev + 1 });
  }

  setStatus(incidentId: string, status: 'open' | 'resolved'): void {
    const r = this.records.get(incidentId);
    if (!r) throw new Error(`no ${incidentId}`);
    this.records.set(incidentId, { ...r, status, rev: r.rev + 1 });
  }

  async get(incidentId: string): Promise<IncidentRecord | undefined> {
    return this.records.get(incidentId);
  }

  async markDelivered(
    incidentId: string,
    delivery: DeliveryRef,
    shown: ShownAnswer,
  ): Promise<Revision | undefined> {
    const r = this.records.get(incidentId);
    if (!r) return undefined;
    const newer = shown.rev >= r.deliveredRev;
    const marked: IncidentRecord = {
      ...r,
      delivery,
      ...(newer ? { deliveredRev: shown.rev, shownStatus: shown.status, shownAt: shown.at } : {}),
    };
    this.records.set(incidentId, marked);
    return { rev: marked.rev, deliveredRev: marked.deliveredRev };
  }

  /** One sync at a time; each gets the record as it is once its turn comes. */
  withAnswerLock<T>(
    incidentId: string,
    work: (record: IncidentRecord | undefined) => Promise<T>,
  ): Promise<T> {
    const locked = () => work(this.records.get(incidentId));
    const run = this.#lock.then(locked, locked);
    this.#lock = run.catch(() => undefined);
    return run;
  }
}

class FakeNotifier implements Pick<Notifier, 'deliver' | 'update'> {
  readonly delivered: Answer[] = [];
  readonly updated: Answer[] = [];
  /** Runs while a delivery is in flight (another job changing the record meanwhile). */
  duringDeliver: (() => void) | undefined;

  async deliver(answer: Answer): Promise<DeliveryRef> {
    this.delivered.push(answer);
    this.duringDeliver?.();
    return { via: 'fake' };
  }

  async update(answer: Answer): Promise<DeliveryRef | undefined> {
    this.updated.push(answer);
    return undefined;
  }
}

/** The queue: adding an id that exists (waiting, delayed or finished) is a no-op. */
class FakeJobs implements Pick<JobQueue, 'add'> {
  readonly added: { job: PipelineJob; options: JobOptions | undefined }[] = [];
  readonly #ids = new Set<string>();

  async add(job: PipelineJob, options?: JobOptions): Promise<{ readonly created: boolean }> {
    if (this.#ids.has(job.jobId)) return { created: false };
    this.#ids.add(job.jobId);
    this.added.push({ job, options });
    return { created: true };
  }
}

class FakeTelemetry implements Pick<PipelineTelemetry, 'answered' | 'updateDeferred'> {
  answered_ = 0;
  deferred = 0;
  answered(): void {
    this.answered_++;
  }
  updateDeferred(): void {
    this.deferred++;
  }
}

function setup(intervalS = 10) {
  const store = new FakeStore();
  const notifier = new FakeNotifier();
  const jobs = new FakeJobs();
  const telemetry = new FakeTelemetry();
  const clock = { now: t0 };
  const deps: SyncDeps = {
    store,
    notifier,
    jobs,
    telemetry,
    clock: () => clock.now,
    answerUpdateIntervalS: intervalS,
  };
  const sync = (options: Partial<SyncOptions> = {}, incidentId = 'inc-1') =>
    syncAnswer(incidentId, { mayDeliver: false, receivedAt: t0, ...options }, deps, log);
  /** Runs the follow-up planned `nth` (as the worker runs a `sync` job). */
  const followUp = (nth = 0) => {
    const job = jobs.added[nth]?.job;
    if (!job) throw new Error(`no follow-up #${nth} was planned`);
    return sync({ followUp: { jobId: job.jobId } }, job.incidentId);
  };
  return { store, notifier, jobs, telemetry, clock, sync, followUp };
}

/** An incident whose answer was delivered at t0. */
async function delivered(intervalS = 10) {
  const s = setup(intervalS);
  s.store.add();
  expect(await s.sync({ mayDeliver: true })).toBe('delivered');
  return s;
}

describe('syncAnswer', () => {
  it('delivers the first answer at once and remembers when, and with which status', async () => {
    const { store, notifier, telemetry, jobs } = await delivered();
    expect(notifier.delivered).toHaveLength(1);
    expect(store.records.get('inc-1')).toMatchObject({ deliveredRev: 1, shownAt: t0, shownStatus: 'open' });
    expect(telemetry.answered_).toBe(1);
    expect(jobs.added).toHaveLength(0);
  });

  it('updates at once when the last update is at least the interval ago', async () => {
    const { store, notifier, jobs, clock, sync } = await delivered();
    store.join('inc-1', 'g2');
    clock.now = t0 + 10_000;
    expect(await sync()).toBe('updated');
    expect(notifier.updated.map((a) => a.alerts.groups)).toEqual([2]);
    expect(store.records.get('inc-1')).toMatchObject({ deliveredRev: 2, shownAt: t0 + 10_000 });
    expect(jobs.added).toHaveLength(0);
  });

  it('within the interval shows nothing and plans one follow-up for when it has passed', async () => {
    const { store, notifier, jobs, telemetry, clock, sync } = await delivered();
    for (const [i, at] of [1_000, 2_500, 9_999].entries()) {
      clock.now = t0 + at;
      store.join('inc-1', `g${i + 2}`);
      expect(await sync()).toBe('deferred');
    }
    expect(notifier.updated).toHaveLength(0);
    expect(telemetry.deferred).toBe(3);
    // Three deferred changes, one follow-up: they share its id (due at the last show + the interval).
    expect(jobs.added).toEqual([
      {
        job: { kind: 'sync', jobId: syncJobId('inc-1', t0 + 10_000), incidentId: 'inc-1', receivedAt: t0 },
        options: { delayMs: 9_000 },
      },
    ]);
    expect(PipelineJobSchema.parse(jobs.added[0]?.job)).toEqual(jobs.added[0]?.job);
    expect(store.records.get('inc-1')?.deliveredRev).toBe(1);
  });

  it('the follow-up shows the latest state once, and a later change plans a new follow-up', async () => {
    const { store, notifier, jobs, clock, sync, followUp } = await delivered();
    clock.now = t0 + 1_000;
    store.join('inc-1', 'g2');
    store.join('inc-1', 'g3');
    expect(await sync()).toBe('deferred');
    clock.now = t0 + 10_000;
    expect(await followUp()).toBe('updated');
    expect(notifier.updated.map((a) => a.alerts.groups)).toEqual([3]);
    expect(store.records.get('inc-1')).toMatchObject({ rev: 3, deliveredRev: 3, shownAt: t0 + 10_000 });
    // A second run of the same follow-up (a retry, say) finds nothing to show.
    expect(await followUp()).toBe('unchanged');
    expect(notifier.updated).toHaveLength(1);

    clock.now = t0 + 12_000;
    store.join('inc-1', 'g4');
    expect(await sync()).toBe('deferred');
    expect(jobs.added.map((a) => [a.job.jobId, a.options?.delayMs])).toEqual([
      [syncJobId('inc-1', t0 + 10_000), 9_000],
      [syncJobId('inc-1', t0 + 20_000), 8_000],
    ]);
  });

  it('the follow-up shows the change even when its clock says the interval has not passed', async () => {
    const { store, notifier, clock, sync, followUp } = await delivered();
    clock.now = t0 + 1_000;
    store.join('inc-1', 'g2');
    expect(await sync()).toBe('deferred');
    // Another host, its clock a second behind the one that stamped the delivery.
    clock.now = t0 + 9_000;
    expect(await followUp()).toBe('updated');
    expect(notifier.updated).toHaveLength(1);
  });

  it('a follow-up that finds the answer shown since it was planned lets a change wait', async () => {
    const { store, notifier, jobs, clock, sync, followUp } = await delivered();
    clock.now = t0 + 1_000;
    store.join('inc-1', 'g2');
    expect(await sync()).toBe('deferred');
    // An alert job got the lock first, once the interval had passed, and showed the change itself.
    clock.now = t0 + 10_000;
    store.join('inc-1', 'g3');
    expect(await sync()).toBe('updated');
    clock.now = t0 + 10_050;
    store.join('inc-1', 'g4');
    expect(await followUp()).toBe('deferred');
    expect(notifier.updated).toHaveLength(1);
    expect(jobs.added.map((a) => a.job.jobId)).toEqual([
      syncJobId('inc-1', t0 + 10_000),
      syncJobId('inc-1', t0 + 20_000),
    ]);
    clock.now = t0 + 20_000;
    expect(await followUp(1)).toBe('updated');
    expect(notifier.updated.map((a) => a.alerts.groups)).toEqual([3, 4]);
  });

  it('a follow-up for an incident that expired or was never delivered does nothing', async () => {
    const s = setup();
    const orphan = (incidentId: string) =>
      s.sync({ followUp: { jobId: syncJobId(incidentId, t0) } }, incidentId);
    expect(await orphan('inc-gone')).toBe('pending');
    s.store.add({ incidentId: 'inc-2' });
    expect(await orphan('inc-2')).toBe('pending');
    expect([...s.notifier.delivered, ...s.notifier.updated]).toHaveLength(0);
  });

  it('a change of status is shown at once, resolved and firing again alike', async () => {
    const { store, notifier, jobs, clock, sync } = await delivered();
    clock.now = t0 + 1_000;
    store.setStatus('inc-1', 'resolved');
    expect(await sync()).toBe('updated');
    clock.now = t0 + 2_000;
    store.setStatus('inc-1', 'open');
    expect(await sync()).toBe('updated');
    expect(notifier.updated.map((a) => a.status)).toEqual(['resolved', 'open']);
    expect(jobs.added).toHaveLength(0);
    // Any other change right after it waits.
    clock.now = t0 + 3_000;
    store.join('inc-1', 'g2');
    expect(await sync()).toBe('deferred');
    expect(jobs.added[0]?.options?.delayMs).toBe(9_000);
  });

  it('a status change shown between planning and running a follow-up never reuses its id', async () => {
    const { store, jobs, clock, sync, followUp } = await delivered();
    clock.now = t0 + 1_000;
    store.join('inc-1', 'g2');
    expect(await sync()).toBe('deferred');
    clock.now = t0 + 2_000;
    store.setStatus('inc-1', 'resolved');
    expect(await sync()).toBe('updated');
    clock.now = t0 + 10_000;
    expect(await followUp()).toBe('unchanged');
    // The follow-up above is finished; the next change must plan another one, or it would never be shown.
    clock.now = t0 + 11_000;
    store.join('inc-1', 'g3');
    expect(await sync()).toBe('deferred');
    expect(jobs.added.map((a) => a.job.jobId)).toEqual([
      syncJobId('inc-1', t0 + 10_000),
      syncJobId('inc-1', t0 + 12_000),
    ]);
  });

  it('a change made while the first delivery was in flight waits for the interval', async () => {
    const s = setup();
    s.store.add();
    s.notifier.duringDeliver = () => s.store.join('inc-1', 'g2');
    expect(await s.sync({ mayDeliver: true })).toBe('delivered');
    expect(s.notifier.updated).toHaveLength(0);
    expect(s.jobs.added).toHaveLength(1);
  });

  it('with an interval of 0 every change is shown at once, as before', async () => {
    const { store, notifier, jobs, clock, sync } = await delivered(0);
    for (let i = 2; i <= 4; i++) {
      clock.now = t0 + i;
      store.join('inc-1', `g${i}`);
      expect(await sync()).toBe('updated');
    }
    expect(notifier.updated.map((a) => a.alerts.groups)).toEqual([2, 3, 4]);
    expect(jobs.added).toHaveLength(0);
  });

  it('a record stored before the store kept when it was shown is updated at once', async () => {
    const s = setup();
    s.store.add({ rev: 2, deliveredRev: 1, delivery: { via: 'fake' } });
    expect(await s.sync()).toBe('updated');
    expect(s.store.records.get('inc-1')).toMatchObject({ shownAt: t0, shownStatus: 'open' });
  });
});

describe('syncJobId', () => {
  it('is a valid job id for any incident id', () => {
    const long = `inc-${'x'.repeat(124)}`;
    for (const incidentId of ['inc-0123456789ab', long]) {
      const jobId = syncJobId(incidentId, t0 + 10_000);
      expect(PipelineJobSchema.safeParse({ kind: 'sync', jobId, incidentId, receivedAt: t0 }).success).toBe(
        true,
      );
    }
    expect(syncJobId(long, 1)).not.toBe(syncJobId(`${long.slice(0, -1)}y`, 1));
  });
});
