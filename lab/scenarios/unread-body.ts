import { Agent, createServer } from 'node:http';
import { initClientMetrics, record, send } from '../http-client.js';
import { createClientMetrics, createServerMetrics, initServerMetrics } from '../metrics.js';
import { SCENARIO_CAUSE } from '../options.js';
import { type ServiceContext, sleep } from '../runtime.js';
import type { Scenario } from './scenario.js';

/**
 * Unread request data. `media` accepts uploads up to 64 KiB; a larger one is refused at once with 413 and
 * `Connection: close`, without reading the body (as body parsers with a limit do). Closing a socket with
 * unread data makes the kernel send a RST instead of a FIN, so `gallery`, still streaming its 8 MiB upload,
 * gets `write EPIPE` or `read ECONNRESET`, often before it can read the 413 (8 MiB uploads: on loopback a smaller
 * body fits in the socket buffers and the client reads the 413 first).
 *
 * Fixed: the server reads (and discards) the rest of the body before it answers 413.
 */

const SERVER = 'media';
const CLIENT = 'gallery';

async function server(ctx: ServiceContext): Promise<void> {
  const metrics = createServerMetrics(ctx.registry(ctx.service));
  initServerMetrics(metrics, { method: 'POST', route: '/upload', statuses: [201, 413] });
  const limit = ctx.options.bodyLimitBytes;
  metrics.bodyLimit.set(limit);
  const http = createServer((req, res) => {
    const length = Number(req.headers['content-length'] ?? 0);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
      metrics.requests.inc({ method: req.method ?? 'POST', route: '/upload', status: String(status) });
    };
    if (length > limit) {
      ctx.log.warn(
        {
          err: {
            type: 'PayloadTooLargeError',
            message: 'request entity too large',
            expected: length,
            length,
            limit,
          },
          req: { method: req.method, url: req.url, remoteAddress: req.socket.remoteAddress },
          status: 413,
        },
        `PayloadTooLargeError: request entity too large (${length} > ${limit} bytes)`,
      );
      if (ctx.options.mode === 'fixed') {
        req.resume();
        req.on('end', () => answer(413, { error: 'request entity too large', limit }));
        return;
      }
      answer(413, { error: 'request entity too large', limit }, { connection: 'close' });
      return;
    }
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    req.on('end', () => {
      answer(201, { stored: received });
      ctx.log.debug({ req: { method: req.method, url: req.url }, bytes: received }, 'upload stored');
    });
  });
  http.on('connection', () => metrics.connections.inc());
  await new Promise<void>((resolve) => http.listen(ctx.listenPort, '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : ctx.listenPort;
  ctx.log.info(
    { port, bodyLimitBytes: limit },
    `media listening on 127.0.0.1:${port}, request body limit ${limit} bytes`,
  );
  ctx.ready(port);
  await ctx.stopping;
  http.closeAllConnections();
  http.close();
}

async function client(ctx: ServiceContext): Promise<void> {
  const peer = ctx.peer ?? SERVER;
  const metrics = createClientMetrics(ctx.registry(ctx.service));
  initClientMetrics(metrics, peer, 'POST');
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  metrics.poolIdle.set({ peer }, 4);
  const base = new URL(`http://127.0.0.1:${ctx.targetPort}`);
  ctx.log.info({ peer }, `gallery uploading to ${peer} at ${base.host}`);
  ctx.ready();
  let n = 0;
  while (!ctx.stopped()) {
    n++;
    // Thumbnails are small; every third upload is an original photo.
    const bodyBytes = n % 3 === 0 ? ctx.options.uploadBytes : 8 * 1024;
    const path = `/upload?name=IMG_${String(4000 + n).padStart(4, '0')}.jpg`;
    const attempt = await send({
      url: new URL(path, base),
      method: 'POST',
      agent,
      bodyBytes,
      timeoutMs: 10_000,
    });
    record(attempt, { method: 'POST', path: '/upload', peer }, metrics, ctx.log);
    await sleep(1000 / ctx.options.rate, ctx.signal);
  }
  agent.destroy();
}

export const unreadBody: Scenario = {
  name: 'unread-body',
  cause: SCENARIO_CAUSE['unread-body'],
  summary:
    'a server answers 413 and closes with the request body unread: the kernel resets the connection under the uploading client',
  services: [
    { service: SERVER, kind: 'server', role: server },
    { service: CLIENT, kind: 'client', peer: SERVER, role: client },
  ],
};
