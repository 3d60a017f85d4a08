import { Agent, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { initClientMetrics, record, send, trackIdle } from '../http-client.js';
import { createClientMetrics, createServerMetrics, initServerMetrics } from '../metrics.js';
import { SCENARIO_CAUSE } from '../options.js';
import { type ServiceContext, sleep } from '../runtime.js';
import type { Scenario } from './scenario.js';

/**
 * Keep-alive mismatch. `inventory` is a Node server with keepAliveTimeout 1 s; `checkout` calls it through a
 * connection pool that keeps idle connections 4 s and, like Go's Transport, Java clients or a load balancer,
 * ignores the `Keep-Alive: timeout=1` hint. checkout polls in bursts with pauses of about 2 s (Node 20 closes
 * an idle socket keepAliveTimeout + 1 s after the last response). A burst that starts as the server closes
 * reuses a socket whose FIN is already on its way: `socket hang up` / `read ECONNRESET` on a reused socket.
 * The caller does some synchronous work before each burst, as a busy event loop does, which is what leaves
 * the FIN unread long enough to matter on loopback.
 *
 * Fixed: the server keeps idle connections longer than the caller's pool (pool idle + 1 s).
 */

const SERVER = 'inventory';
const CLIENT = 'checkout';

/** A pool that keeps idle connections for a fixed time and does not look at the server's Keep-Alive hint. */
export class PoolingAgent extends Agent {
  constructor(
    private readonly idleMs: number,
    maxSockets: number,
  ) {
    super({ keepAlive: true, maxSockets, scheduling: 'fifo' });
  }

  override keepSocketAlive(socket: Socket): boolean {
    socket.setKeepAlive(true, 1000);
    socket.unref();
    socket.setTimeout(this.idleMs);
    return true;
  }
}

async function server(ctx: ServiceContext): Promise<void> {
  const metrics = createServerMetrics(ctx.registry(ctx.service));
  initServerMetrics(metrics, { method: 'GET', route: '/stock/:sku', statuses: [200] });
  const keepAliveMs =
    ctx.options.mode === 'fixed' ? ctx.options.poolIdleMs + 1000 : ctx.options.keepaliveTimeoutMs;
  const http = createServer((req, res) => {
    const started = Date.now();
    req.resume();
    req.on('end', () => {
      const body = JSON.stringify({ sku: req.url?.split('/').pop(), available: 3 });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
      metrics.requests.inc({ method: req.method ?? 'GET', route: '/stock/:sku', status: '200' });
      ctx.log.debug(
        {
          req: { method: req.method, url: req.url },
          res: { statusCode: 200 },
          responseTime: Date.now() - started,
        },
        'request completed',
      );
    });
  });
  http.keepAliveTimeout = keepAliveMs;
  http.on('connection', () => metrics.connections.inc());
  metrics.keepAlive.set(keepAliveMs / 1000);
  await new Promise<void>((resolve) => http.listen(ctx.listenPort, '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : ctx.listenPort;
  ctx.log.info(
    { port, keepAliveTimeoutMs: keepAliveMs },
    `inventory listening on 127.0.0.1:${port}, keepAliveTimeout ${keepAliveMs} ms`,
  );
  ctx.ready(port);
  await ctx.stopping;
  http.closeAllConnections();
  http.close();
}

async function client(ctx: ServiceContext): Promise<void> {
  const peer = ctx.peer ?? SERVER;
  const metrics = createClientMetrics(ctx.registry(ctx.service));
  initClientMetrics(metrics, peer, 'GET');
  const concurrency = 6;
  const agent = new PoolingAgent(ctx.options.poolIdleMs, concurrency);
  trackIdle(agent);
  const base = new URL(`http://127.0.0.1:${ctx.targetPort}`);
  metrics.poolIdle.set({ peer }, ctx.options.poolIdleMs / 1000);
  ctx.log.info(
    { peer, poolIdleMs: ctx.options.poolIdleMs, maxSockets: concurrency },
    `checkout calling ${peer} at ${base.host} with a keep-alive pool (idle ${ctx.options.poolIdleMs} ms)`,
  );
  ctx.ready();
  const [minPause, maxPause] = ctx.options.pauseMs;
  let sku = 0;
  while (!ctx.stopped()) {
    // Building the next batch keeps the event loop busy for a moment, as real work does.
    const busyUntil = Date.now() + ctx.options.workMs;
    while (Date.now() < busyUntil) {
      /* synchronous work */
    }
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const path = `/stock/${1000 + (sku++ % 500)}`;
        const attempt = await send({ url: new URL(path, base), method: 'GET', agent, timeoutMs: 5000 });
        record(attempt, { method: 'GET', path, peer }, metrics, ctx.log);
      }),
    );
    await sleep(minPause + Math.random() * (maxPause - minPause), ctx.signal);
  }
  agent.destroy();
}

export const keepalive: Scenario = {
  name: 'keepalive',
  cause: SCENARIO_CAUSE.keepalive,
  summary:
    "a Node server's keep-alive (1 s) is shorter than its caller's pool idle time (4 s): requests on reused connections race the server's close",
  services: [
    { service: SERVER, kind: 'server', role: server },
    { service: CLIENT, kind: 'client', peer: SERVER, role: client },
  ],
};
