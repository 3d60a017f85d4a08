import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createServiceLogger } from './log.js';
import { createSupervisorMetrics } from './metrics.js';
import type { LabOptions, ScenarioName } from './options.js';
import { SCENARIO_PLANS } from './scenarios/index.js';
import { MAX_SAFE_RANGE, readPortRange } from './scenarios/port-exhaustion.js';
import { type Isolation, ServiceProcess } from './supervisor.js';

/**
 * The lab launcher: starts the chosen scenarios (each a server and a client process, or a pair), keeps them
 * running, and serves one HTTP endpoint: its own metrics, every service's metrics, Prometheus HTTP service
 * discovery (GET /targets), health and readiness.
 */

export interface Lab {
  readonly port: number;
  stop(): Promise<void>;
}

const SUPERVISOR = 'lab';

async function makeTlsMaterial(log: Logger): Promise<{ cert: string; key: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'reset-lab-tls-'));
  const cert = join(dir, 'ledger.crt');
  const key = join(dir, 'ledger.key');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '30',
    '-subj',
    '/CN=ledger',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:ledger',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  log.info({ cert }, 'made a self-signed certificate for ledger');
  return { cert, key };
}

function chooseIsolation(options: LabOptions, log: Logger): Isolation | undefined {
  if (options.isolation === 'netns') return { ports: options.ports };
  const range = readPortRange();
  if (range.size <= MAX_SAFE_RANGE || options.isolation === 'none') return undefined;
  log.info(
    { portRange: `${range.low}-${range.high}` },
    `port-exhaustion runs in a private network namespace with ${options.ports} ephemeral ports`,
  );
  return { ports: options.ports };
}

export async function startLab(
  options: LabOptions,
  run: { readonly entry: string; readonly execArgv: readonly string[]; readonly labArgs: readonly string[] },
): Promise<Lab> {
  const log = createServiceLogger(
    SUPERVISOR,
    { scenario: 'all', namespace: options.namespace },
    options.logLevel,
  );
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = createSupervisorMetrics(registry);
  const processes: { scenario: ScenarioName; proc: ServiceProcess }[] = [];
  let labArgs = [...run.labArgs];
  if (options.scenarios.includes('tls-plaintext') && !options.tlsCert) {
    const tls = await makeTlsMaterial(log);
    labArgs = [...labArgs, '--tls-cert', tls.cert, '--tls-key', tls.key];
  }

  const http = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log.error({ err: e }, 'lab endpoint failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const send = (res: ServerResponse, status: number, body: string, type = 'application/json'): void => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://lab');
    if (req.method !== 'GET') return send(res, 405, '{"error":"GET only"}');
    if (url.pathname === '/metrics') return send(res, 200, await registry.metrics(), registry.contentType);
    if (url.pathname === '/healthz') return send(res, 200, '{"status":"ok"}');
    if (url.pathname === '/readyz') {
      const waiting = processes
        .filter((p) => !p.proc.started || p.proc.failed)
        .map((p) => p.proc.failed ?? `${p.proc.name} not started`);
      return send(
        res,
        waiting.length === 0 ? 200 : 503,
        JSON.stringify({ ready: waiting.length === 0, waiting }),
      );
    }
    if (url.pathname === '/scenarios') {
      return send(
        res,
        200,
        JSON.stringify(
          options.scenarios.map((s) => ({
            scenario: s,
            cause: SCENARIO_PLANS[s].cause,
            mode: options.mode,
            summary: SCENARIO_PLANS[s].summary,
            services: processes
              .filter((p) => p.scenario === s)
              .map((p) => ({
                services: p.proc.services,
                up: p.proc.up,
                port: p.proc.port,
                failed: p.proc.failed,
              })),
          })),
        ),
      );
    }
    if (url.pathname === '/targets') {
      const host = req.headers.host ?? `127.0.0.1:${port}`;
      const targets = [
        // The supervisor's series carry the service they are about as a label of their own.
        { targets: [host], labels: { namespace: options.namespace, component: 'supervisor' } },
        ...processes.flatMap((p) =>
          p.proc.services.map((service) => ({
            targets: [host],
            labels: {
              __metrics_path__: `/services/${service}/metrics`,
              service,
              scenario: p.scenario,
              namespace: options.namespace,
            },
          })),
        ),
      ];
      return send(res, 200, JSON.stringify(targets));
    }
    const m = /^\/services\/([a-z0-9-]{1,64})\/metrics$/.exec(url.pathname);
    if (m?.[1]) {
      const service = m[1];
      const owner = processes.find((p) => p.proc.services.includes(service));
      if (!owner) return send(res, 404, '{"error":"no such service"}');
      try {
        return send(res, 200, await owner.proc.scrape(service), registry.contentType);
      } catch (e) {
        return send(res, 503, JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
      }
    }
    return send(res, 404, '{"error":"not found"}');
  };
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, resolve);
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  log.info(
    { port, host: options.host, scenarios: options.scenarios, mode: options.mode },
    `lab listening on ${options.host}:${port}`,
  );

  for (const scenario of options.scenarios) {
    const plan = SCENARIO_PLANS[scenario];
    metrics.scenario.set({ scenario, cause: plan.cause, mode: options.mode }, 1);
    log.info({ scenario, cause: plan.cause, mode: options.mode }, `starting ${scenario}: ${plan.summary}`);
    const ports = new Map<string, number>();
    for (const service of plan.services) {
      const targetPort = service.peer === undefined ? undefined : ports.get(service.peer);
      const isolation = service.kind === 'pair' ? chooseIsolation(options, log) : undefined;
      const proc = new ServiceProcess({
        scenario,
        plan: service,
        entry: run.entry,
        execArgv: run.execArgv,
        labArgs,
        ...(targetPort === undefined ? {} : { targetPort }),
        ...(isolation === undefined ? {} : { isolation }),
        restartDelayMs: options.restartDelayMs,
        log,
        metrics,
      });
      processes.push({ scenario, proc });
      const listening = await proc.start();
      if (listening !== undefined) ports.set(service.service, listening);
      if (proc.failed) break;
    }
  }

  return {
    port,
    async stop() {
      await Promise.all(processes.map((p) => p.proc.stop()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
