/**
 * Port: "have we seen this delivery before?". Slack redelivers an event (same event id) when it did not see
 * an acknowledgement in time; only the first delivery may produce an answer.
 */
export interface EventDedupe {
  /** true the first time an id is claimed (within the retention window), false for every redelivery. */
  claim(id: string): Promise<boolean>;
}
