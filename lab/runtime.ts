import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { type FromService, ToServiceSchema } from './ipc.js';
import { createServiceLogger } from './log.js';
import type { LabOptions, ScenarioName } from './options.js';

/**
 * The inside of one lab service process: its logger, its metrics registry (served to the launcher over the
 * IPC channel, so a service in a private network namespace can be scraped too), readiness and shutdown.
 */

export interface ServiceContext {
  readonly options: LabOptions;
  readonly scenario: ScenarioName;
  /** The service this process runs (for a pair, the first one). */
  readonly service: string;
  readonly peer?: string;
  /** Port to listen on (servers; 0: any) and the port of the peer to call (clients). */
  readonly listenPort: number;
  readonly targetPort?: number;
  readonly log: Logger;
  /** The metrics registry of a service this process runs (created on first use, with process metrics once). */
  registry(service: string): Registry;
  /** A logger for another service run by this process (a pair). */
  logger(service: string): Logger;
  ready(port?: number): void;
  /** Resolves when the launcher (or a signal) asks the service to stop. */
  readonly stopping: Promise<void>;
  /** Aborts at the same moment (for sleeps). */
  readonly signal: AbortSignal;
  readonly stopped: () => boolean;
}

export type Role = (ctx: ServiceContext) => Promise<void>;

function sendToLauncher(message: FromService): void {
  if (process.send && process.connected) process.send(message);
}

export async function runService(spec: {
  readonly options: LabOptions;
  readonly scenario: ScenarioName;
  readonly service: string;
  readonly peer?: string;
  readonly listenPort: number;
  readonly targetPort?: number;
  readonly role: Role;
}): Promise<void> {
  const registries = new Map<string, Registry>();
  const loggers = new Map<string, Logger>();
  const fields = { scenario: spec.scenario, namespace: spec.options.namespace };
  const logger = (service: string): Logger => {
    let l = loggers.get(service);
    if (!l) {
      l = createServiceLogger(service, fields, spec.options.logLevel);
      loggers.set(service, l);
    }
    return l;
  };
  const registry = (service: string): Registry => {
    let r = registries.get(service);
    if (!r) {
      r = new Registry();
      if (registries.size === 0) collectDefaultMetrics({ register: r });
      registries.set(service, r);
    }
    return r;
  };
  registry(spec.service);
  const log = logger(spec.service);

  const abort = new AbortController();
  const stopping = new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve()));
  const stop = (): void => abort.abort();

  process.on('message', (raw: unknown) => {
    const parsed = ToServiceSchema.safeParse(raw);
    if (!parsed.success) return;
    const m = parsed.data;
    if (m.type === 'shutdown') {
      stop();
      return;
    }
    const r = registries.get(m.service);
    if (!r) {
      sendToLauncher({ type: 'metrics', id: m.id, error: `no service ${m.service} in this process` });
      return;
    }
    r.metrics().then(
      (text) => sendToLauncher({ type: 'metrics', id: m.id, text }),
      (e: unknown) => sendToLauncher({ type: 'metrics', id: m.id, error: String(e) }),
    );
  });
  // The launcher going away takes its services with it.
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  await spec.role({
    options: spec.options,
    scenario: spec.scenario,
    service: spec.service,
    ...(spec.peer === undefined ? {} : { peer: spec.peer }),
    listenPort: spec.listenPort,
    ...(spec.targetPort === undefined ? {} : { targetPort: spec.targetPort }),
    log,
    registry,
    logger,
    ready: (port) =>
      sendToLauncher({ type: 'ready', service: spec.service, ...(port === undefined ? {} : { port }) }),
    stopping,
    signal: abort.signal,
    stopped: () => abort.signal.aborted,
  });
}

/** Waits ms, or less if the signal aborts first (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, signal ? { signal } : {}).catch(() => undefined);
}
