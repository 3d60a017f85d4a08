import type { PipelineJob } from './pipeline-job.js';

export interface JobOptions {
  /** The Alertmanager group the job belongs to (a resolution cancels the group's jobs still waiting). */
  readonly groupId?: string;
  /** Milliseconds before a worker may take the job (a delayed follow-up). */
  readonly delayMs?: number;
}

/**
 * The queue as intake (and the worker, for its follow-ups) sees it: BullMQ in production. Adding a job
 * whose id exists is a no-op.
 */
export interface JobQueue {
  /**
   * Adds the job under `job.jobId`; resolves only once it is stored in Redis. `created` is false when a
   * job with that id already existed (a redelivery, or a follow-up already planned). With `delayMs` no
   * worker takes it before that many milliseconds have passed. Throws `REDIS_UNAVAILABLE` when Redis
   * cannot take it.
   */
  add(job: PipelineJob, options?: JobOptions): Promise<{ readonly created: boolean }>;
  /** Ids of the jobs added for an alert group that may still be waiting. */
  pendingOfGroup(groupId: string): Promise<readonly string[]>;
  /** True while no worker has taken the job (waiting, delayed for a retry, prioritized). */
  isWaiting(jobId: string): Promise<boolean>;
  /** Removes the job if no worker has taken it yet; true when it was removed. */
  removeIfWaiting(jobId: string): Promise<boolean>;
}
