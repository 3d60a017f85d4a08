import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The bot's own metrics, all defined here against an injected registry (GET /metrics serves it). Other
 * modules (the Slack bot, the Prometheus fetcher) increment the counters they own through this object
 * instead of defining metrics of their own.
 */

export type QueueCounts = Readonly<Record<string, number>>;

/** The Prometheus metrics source's own counters (read at scrape time). */
export interface PrometheusCounts {
  /** HTTP requests sent to Prometheus. */
  readonly requests: number;
  /** Queries answered from the cache. */
  readonly cacheHits: number;
  /** Queries that joined the same query already in flight. */
  readonly joined: number;
}

export interface BotMetrics {
  readonly registry: Registry;
  /** Webhook requests by outcome: accepted, duplicate, unauthorized, invalid, too_large, unavailable, error. */
  readonly webhookRequests: Counter<'outcome'>;
  /** Jobs put on the queue, by source (alertmanager, slack, ...); redeliveries that were no-ops excluded. */
  readonly jobsReceived: Counter<'source'>;
  /** Jobs finished by a worker, by outcome (diagnosed, updated, coalesced, resolved, cancelled, stale, ...). */
  readonly jobsCompleted: Counter<'outcome'>;
  /** Job attempts that threw; `final` is "true" when no attempt is left. */
  readonly jobsFailed: Counter<'final'>;
  /** Jobs recovered from a worker that stopped renewing its lock (crash, SIGKILL). */
  readonly jobsStalled: Counter;
  /** Jobs per queue state, read from Redis when /metrics is scraped. */
  readonly queueDepth: Gauge<'state'>;
  /** Time from a job's arrival to its diagnosis being delivered. */
  readonly diagnosisLatency: Histogram;
  /** Delivered answers by most likely cause ("none" when nothing stood out). */
  readonly answers: Counter<'cause'>;
  /** Rules that contributed to a delivered answer. */
  readonly ruleHits: Counter<'rule'>;
  /** Alerts that joined an earlier diagnosis instead of getting their own. */
  readonly alertsCoalesced: Counter;
  /** Changes of an answer left for a follow-up because the answer was updated too recently. */
  readonly answerUpdatesDeferred: Counter;
  /** Failed calls to Prometheus, by kind (unavailable, query, timeout, ...). */
  readonly prometheusErrors: Counter<'kind'>;
  /** Failed calls to Slack, by Web API method. */
  readonly slackErrors: Counter<'method'>;
  /** Queries the worker's metrics source sent to Prometheus, answered from its cache, or shared. */
  readonly prometheusQueries: Counter<'result'>;
  /** Reads the queue depth from this function at scrape time (only processes that own a queue call it). */
  observeQueue(read: () => Promise<QueueCounts>): void;
  /** Reads the Prometheus source's counters at scrape time (processes that fetch metrics call it). */
  observePrometheus(read: () => PrometheusCounts): void;
}

export function createBotMetrics(registry: Registry): BotMetrics {
  let readQueue: (() => Promise<QueueCounts>) | undefined;
  let readPrometheus: (() => PrometheusCounts) | undefined;
  const registers = [registry];
  const metrics: BotMetrics = {
    registry,
    webhookRequests: new Counter({
      name: 'reset_doctor_webhook_requests_total',
      help: 'Alertmanager webhook requests by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    jobsReceived: new Counter({
      name: 'reset_doctor_jobs_received_total',
      help: 'Jobs added to the queue, by source',
      labelNames: ['source'],
      registers,
    }),
    jobsCompleted: new Counter({
      name: 'reset_doctor_jobs_completed_total',
      help: 'Jobs completed by a worker, by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    jobsFailed: new Counter({
      name: 'reset_doctor_jobs_failed_total',
      help: 'Job attempts that failed; final="true" when no attempt is left',
      labelNames: ['final'],
      registers,
    }),
    jobsStalled: new Counter({
      name: 'reset_doctor_jobs_stalled_total',
      help: 'Jobs recovered after their worker stopped (stalled)',
      registers,
    }),
    queueDepth: new Gauge({
      name: 'reset_doctor_queue_depth',
      help: 'Jobs in the queue by state',
      labelNames: ['state'],
      registers,
      async collect() {
        if (!readQueue) return;
        try {
          const counts = await readQueue();
          for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
        } catch {
          // Redis unreachable: keep the last values; /readyz reports the outage.
        }
      },
    }),
    diagnosisLatency: new Histogram({
      name: 'reset_doctor_diagnosis_latency_seconds',
      help: 'Seconds from a job arriving to its answer being delivered',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
    answers: new Counter({
      name: 'reset_doctor_answers_total',
      help: 'Delivered answers by most likely cause',
      labelNames: ['cause'],
      registers,
    }),
    ruleHits: new Counter({
      name: 'reset_doctor_rule_hits_total',
      help: 'Rules that contributed evidence to a delivered answer',
      labelNames: ['rule'],
      registers,
    }),
    alertsCoalesced: new Counter({
      name: 'reset_doctor_alerts_coalesced_total',
      help: 'Alert groups that joined an earlier diagnosis of the same service/peer',
      registers,
    }),
    answerUpdatesDeferred: new Counter({
      name: 'reset_doctor_answer_updates_deferred_total',
      help: 'Changes of an answer not shown at once (within ANSWER_UPDATE_INTERVAL_S of its last update); a follow-up shows the latest',
      registers,
    }),
    prometheusErrors: new Counter({
      name: 'reset_doctor_prometheus_errors_total',
      help: 'Failed calls to Prometheus, by kind',
      labelNames: ['kind'],
      registers,
    }),
    slackErrors: new Counter({
      name: 'reset_doctor_slack_errors_total',
      help: 'Failed calls to the Slack Web API, by method',
      labelNames: ['method'],
      registers,
    }),
    prometheusQueries: new Counter({
      name: 'reset_doctor_prometheus_queries_total',
      help: 'Metric queries of the worker: sent to Prometheus, answered from the cache, or shared with one in flight',
      labelNames: ['result'],
      registers,
      collect() {
        if (!readPrometheus) return;
        const c = readPrometheus();
        // The source counts since it started; a counter set to its total keeps the same meaning.
        this.reset();
        this.inc({ result: 'sent' }, c.requests);
        this.inc({ result: 'cached' }, c.cacheHits);
        this.inc({ result: 'shared' }, c.joined);
      },
    }),
    observeQueue(read) {
      readQueue = read;
    },
    observePrometheus(read) {
      readPrometheus = read;
    },
  };
  return metrics;
}
