/**
 * Every key the bot keeps besides BullMQ's own, under the queue prefix (a hash tag such as
 * `{reset-doctor}`), so that all of them, and the queue, live in one Redis Cluster slot and Lua scripts
 * may touch them together.
 */
export interface StoreKeys {
  incident(incidentId: string): string;
  incidentGroups(incidentId: string): string;
  incidentJobs(incidentId: string): string;
  answerLock(incidentId: string): string;
  group(groupId: string): string;
  groupResolved(groupId: string): string;
  groupPending(groupId: string): string;
  coalesce(key: string): string;
  cancelled(jobId: string): string;
  readonly recent: string;
}

export function storeKeys(prefix: string): StoreKeys {
  const base = `${prefix}:dx`;
  return {
    incident: (id) => `${base}:inc:${id}`,
    incidentGroups: (id) => `${base}:inc:${id}:groups`,
    incidentJobs: (id) => `${base}:inc:${id}:jobs`,
    answerLock: (id) => `${base}:inc:${id}:answer-lock`,
    group: (id) => `${base}:group:${id}`,
    groupResolved: (id) => `${base}:group:${id}:resolved`,
    groupPending: (id) => `${base}:group:${id}:pending`,
    coalesce: (key) => `${base}:coalesce:${key}`,
    cancelled: (jobId) => `${base}:cancelled:${jobId}`,
    recent: `${base}:recent`,
  };
}
