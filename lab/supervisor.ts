import { type ChildProcess, spawn } from 'node:child_process';
import type { Logger } from 'pino';
import { FromServiceSchema, type ToService } from './ipc.js';
import type { createSupervisorMetrics } from './metrics.js';
import type { ScenarioName } from './options.js';
import { EXIT_CONFIG } from './scenarios/port-exhaustion.js';
import type { ServicePlan } from './scenarios/scenario.js';

/**
 * Runs one service process of a scenario and keeps it running, as pm2, systemd or the kubelet would: it
 * restarts the process after it exits (the same port again), logs each exit with its code, counts restarts,
 * and relays scrapes of the process's metrics over the IPC channel.
 */

export interface Isolation {
  /** Size of the ephemeral port range of the private network namespace. */
  readonly ports: number;
}

export interface ServiceProcessOptions {
  readonly scenario: ScenarioName;
  readonly plan: ServicePlan;
  readonly entry: string;
  readonly execArgv: readonly string[];
  /** The lab's own flags, passed on so the service reads the same options. */
  readonly labArgs: readonly string[];
  readonly targetPort?: number;
  readonly isolation?: Isolation;
  readonly restartDelayMs: number;
  readonly log: Logger;
  readonly metrics: ReturnType<typeof createSupervisorMetrics>;
}

/** Brings up loopback and narrows the port range inside the new namespace, then runs the service. */
const NETNS_SCRIPT =
  'ip link set lo up && printf "%s %s" "$1" "$2" > /proc/sys/net/ipv4/ip_local_port_range && echo 0 > /proc/sys/net/ipv4/tcp_tw_reuse && shift 2 && exec "$@"';
const NETNS_FIRST_PORT = 40_000;

export class ServiceProcess {
  private child: ChildProcess | undefined;
  private listenPort = 0;
  private stopping = false;
  private restarts = 0;
  private nextScrape = 1;
  private readonly pending = new Map<number, { resolve: (t: string) => void; reject: (e: Error) => void }>();
  private readyWaiters: ((port: number | undefined) => void)[] = [];
  /** Ready at least once (a restarting service stays "started"). */
  started = false;
  up = false;
  /** Exited with a configuration error: not restarted. */
  failed: string | undefined;
  readonly services: readonly string[];

  constructor(private readonly o: ServiceProcessOptions) {
    this.services = [o.plan.service, ...(o.plan.alsoRuns ?? [])];
  }

  get name(): string {
    return this.o.plan.service;
  }

  get port(): number | undefined {
    return this.listenPort || undefined;
  }

  /** Starts the process; resolves with its listening port (servers) once it says it is ready. */
  start(): Promise<number | undefined> {
    const ready = new Promise<number | undefined>((resolve) => this.readyWaiters.push(resolve));
    this.spawnChild();
    return ready;
  }

  private spawnChild(): void {
    const { plan, scenario } = this.o;
    const args = [
      this.o.entry,
      ...this.o.labArgs,
      '--role',
      `${scenario}:${plan.service}`,
      '--listen-port',
      String(this.listenPort),
      ...(this.o.targetPort === undefined ? [] : ['--target-port', String(this.o.targetPort)]),
    ];
    const stdio: ['ignore', 'inherit', 'inherit', 'ipc'] = ['ignore', 'inherit', 'inherit', 'ipc'];
    const child = this.o.isolation
      ? spawn(
          'unshare',
          [
            '--user',
            '--map-root-user',
            '--net',
            '--',
            'sh',
            '-c',
            NETNS_SCRIPT,
            'lab-netns',
            String(NETNS_FIRST_PORT),
            String(NETNS_FIRST_PORT + this.o.isolation.ports - 1),
            process.execPath,
            ...this.o.execArgv,
            ...args,
          ],
          { stdio },
        )
      : spawn(process.execPath, [...this.o.execArgv, ...args], { stdio });
    this.child = child;
    const labels = { service: plan.service, scenario };
    child.on('message', (raw: unknown) => {
      const parsed = FromServiceSchema.safeParse(raw);
      if (!parsed.success) return;
      const m = parsed.data;
      if (m.type === 'ready') {
        if (m.port !== undefined) this.listenPort = m.port;
        this.up = true;
        this.started = true;
        this.o.metrics.up.set(labels, 1);
        this.o.log.info(
          { app: plan.service, pid: child.pid, port: m.port },
          `${plan.service} is up (pid ${child.pid})`,
        );
        const waiters = this.readyWaiters;
        this.readyWaiters = [];
        for (const w of waiters) w(this.port);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.text !== undefined) p.resolve(m.text);
      else p.reject(new Error(m.error ?? 'no metrics'));
    });
    child.on('error', (e) => {
      this.o.log.error({ err: e, app: plan.service }, `${plan.service} could not be started: ${e.message}`);
    });
    child.on('exit', (code, signal) => {
      this.up = false;
      this.o.metrics.up.set(labels, 0);
      for (const p of this.pending.values()) p.reject(new Error(`${plan.service} exited`));
      this.pending.clear();
      if (this.stopping) return;
      const exitCode = code ?? 128 + signalNumber(signal);
      this.o.metrics.lastExitCode.set(labels, exitCode);
      if (exitCode === EXIT_CONFIG || !this.started) {
        this.failed = `${plan.service} exited with code ${exitCode} before it was ready`;
        this.o.log.fatal(
          { app: plan.service, exitCode, signal },
          `${plan.service} exited with code ${exitCode}; not restarting (it cannot start as configured)`,
        );
        const waiters = this.readyWaiters;
        this.readyWaiters = [];
        for (const w of waiters) w(undefined);
        return;
      }
      this.restarts++;
      this.o.metrics.restarts.inc(labels);
      this.o.log.error(
        { app: plan.service, exitCode, signal, restarts: this.restarts },
        `${plan.service} exited with code ${exitCode}${signal ? ` (${signal})` : ''}; restarting in ${this.o.restartDelayMs} ms (restart ${this.restarts})`,
      );
      setTimeout(() => {
        if (!this.stopping) this.spawnChild();
      }, this.o.restartDelayMs).unref();
    });
  }

  /** The Prometheus text of one of this process's services. */
  scrape(service: string, timeoutMs = 5000): Promise<string> {
    const child = this.child;
    if (!child || !this.up || !child.connected)
      return Promise.reject(new Error(`${this.name} is not running`));
    const id = this.nextScrape++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name} did not answer a scrape in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (t) => {
          clearTimeout(timer);
          resolve(t);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      const message: ToService = { type: 'scrape', id, service };
      child.send(message);
    });
  }

  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (child.connected) {
      const message: ToService = { type: 'shutdown' };
      child.send(message);
    } else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

const SIGNALS: Readonly<Record<string, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGABRT: 6,
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGTERM: 15,
};

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal ? (SIGNALS[signal] ?? 0) : 0;
}
