import { readFileSync } from 'node:fs';
import { Agent, createServer } from 'node:http';
import { Gauge } from 'prom-client';
import { initClientMetrics, record, send } from '../http-client.js';
import { countTimeWait, createClientMetrics, createServerMetrics, initServerMetrics } from '../metrics.js';
import { SCENARIO_CAUSE } from '../options.js';
import { type ServiceContext, sleep } from '../runtime.js';
import type { Scenario } from './scenario.js';

/**
 * Ephemeral port exhaustion. `batch-export` opens a new connection for every request to `catalog` and closes
 * it itself, so each one leaves a local port in TIME_WAIT for 60 s. With a few dozen ports available, connect
 * fails with `connect EADDRNOTAVAIL ... - Local (0.0.0.0:0)`.
 *
 * Kept safe: both services run in a network namespace of their own whose ephemeral range is only `--ports`
 * wide (a private namespace made with unshare, or a container given a narrow net.ipv4.ip_local_port_range);
 * the process refuses to start where the range is wider than 1024 ports, so it can never use up the ports of
 * the machine. After `--max-failures` failed connects the client pauses for `--cooldown-ms`.
 *
 * Fixed: one keep-alive pool shared by all requests (16 connections at most).
 */

const SERVER = 'catalog';
const CLIENT = 'batch-export';
/** A namespace with a wider range than this is not one the lab made: refuse to exhaust it. */
export const MAX_SAFE_RANGE = 1024;
/** Exit code for a configuration the supervisor must not retry (EX_CONFIG). */
export const EXIT_CONFIG = 78;

export function readPortRange(): { readonly low: number; readonly high: number; readonly size: number } {
  const [low = 0, high = 0] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  return { low, high, size: high - low + 1 };
}

async function pair(ctx: ServiceContext): Promise<void> {
  const range = readPortRange();
  if (ctx.options.mode === 'fault' && range.size > MAX_SAFE_RANGE) {
    ctx.log.fatal(
      { portRange: `${range.low}-${range.high}` },
      `refusing to exhaust ports: this network namespace has ${range.size} ephemeral ports (more than ${MAX_SAFE_RANGE}); run with --isolation netns or in a container with a narrow net.ipv4.ip_local_port_range`,
    );
    process.exit(EXIT_CONFIG);
  }
  const serverLog = ctx.logger(SERVER);
  const serverMetrics = createServerMetrics(ctx.registry(SERVER));
  initServerMetrics(serverMetrics, { method: 'GET', route: '/items', statuses: [200] });
  const http = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: [], page: req.url }));
      serverMetrics.requests.inc({ method: 'GET', route: '/items', status: '200' });
    });
  });
  http.on('connection', () => serverMetrics.connections.inc());
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  serverLog.info({ port }, `catalog listening on 127.0.0.1:${port}`);

  const peer = SERVER;
  const registry = ctx.registry(CLIENT);
  const metrics = createClientMetrics(registry);
  initClientMetrics(metrics, peer, 'GET');
  new Gauge({
    name: 'lab_client_ephemeral_ports',
    help: 'Size of the ephemeral port range of the network namespace the caller runs in.',
    registers: [registry],
  }).set(range.size);
  new Gauge({
    name: 'lab_client_time_wait_sockets',
    help: 'TCP sockets in TIME_WAIT in the caller network namespace (from /proc/net/tcp).',
    registers: [registry],
    collect() {
      this.set(countTimeWait());
    },
  });
  const log = ctx.log;
  log.info(
    { peer, portRange: `${range.low}-${range.high}`, mode: ctx.options.mode },
    ctx.options.mode === 'fault'
      ? `batch-export calling ${peer} with a new connection per request (ephemeral ports ${range.low}-${range.high})`
      : `batch-export calling ${peer} through a shared keep-alive pool`,
  );
  ctx.ready();

  const base = new URL(`http://127.0.0.1:${port}`);
  const shared = new Agent({ keepAlive: true, maxSockets: 16 });
  const workers = 16;
  const perWorkerDelay = (workers * 1000) / 200;
  let failures = 0;
  let page = 0;
  const worker = async (): Promise<void> => {
    while (!ctx.stopped()) {
      if (failures >= ctx.options.maxFailures) {
        await sleep(100, ctx.signal);
        continue;
      }
      const agent = ctx.options.mode === 'fault' ? new Agent({ keepAlive: true }) : shared;
      const path = `/items?page=${page++}`;
      const attempt = await send({ url: new URL(path, base), method: 'GET', agent, timeoutMs: 5000 });
      // The export job throws its agent away after each call, closing the connection from this side.
      if (agent !== shared) agent.destroy();
      record(attempt, { method: 'GET', path: '/items', peer }, metrics, log);
      if (attempt.error) failures++;
      await sleep(perWorkerDelay, ctx.signal);
    }
  };
  const governor = async (): Promise<void> => {
    while (!ctx.stopped()) {
      await sleep(50, ctx.signal);
      if (failures >= ctx.options.maxFailures) {
        log.warn(
          { failures, cooldownMs: ctx.options.cooldownMs },
          `${failures} failed connections to ${peer}; pausing for ${ctx.options.cooldownMs} ms`,
        );
        await sleep(ctx.options.cooldownMs, ctx.signal);
        failures = 0;
      }
    }
  };
  await Promise.all([governor(), ...Array.from({ length: workers }, worker)]);
  shared.destroy();
  http.closeAllConnections();
  http.close();
}

export const portExhaustion: Scenario = {
  name: 'port-exhaustion',
  cause: SCENARIO_CAUSE['port-exhaustion'],
  summary:
    'a client opens a connection per request and closes it itself until the ephemeral ports of its (private, narrow) range are all in TIME_WAIT',
  services: [{ service: CLIENT, kind: 'pair', peer: SERVER, alsoRuns: [SERVER], role: pair }],
};
