import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { createServer, Agent as HttpsAgent } from 'node:https';
import { initClientMetrics, record, send } from '../http-client.js';
import { createClientMetrics, createServerMetrics, initServerMetrics } from '../metrics.js';
import { SCENARIO_CAUSE } from '../options.js';
import { type ServiceContext, sleep } from '../runtime.js';
import type { Scenario } from './scenario.js';

/**
 * Protocol mismatch. `ledger` serves HTTPS only; `billing` was configured with `http://` for it. The first
 * bytes ledger reads are `POST /entries HTTP/1.1`, not a TLS ClientHello: OpenSSL fails the handshake
 * (`SSL routines:ssl3_get_record:http request`) and the connection is dropped, so billing gets
 * `socket hang up` on every request.
 *
 * Fixed: billing uses https:// and trusts ledger's certificate.
 */

const SERVER = 'ledger';
const CLIENT = 'billing';

function tlsMaterial(ctx: ServiceContext): { key: Buffer; cert: Buffer } {
  const { tlsCert, tlsKey } = ctx.options;
  if (!tlsCert || !tlsKey)
    throw new Error('tls-plaintext needs --tls-cert and --tls-key (the launcher makes them)');
  return { key: readFileSync(tlsKey), cert: readFileSync(tlsCert) };
}

async function server(ctx: ServiceContext): Promise<void> {
  const metrics = createServerMetrics(ctx.registry(ctx.service));
  initServerMetrics(metrics, { method: 'POST', route: '/entries', statuses: [201] });
  const https = createServer(tlsMaterial(ctx), (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"posted":true}');
      metrics.requests.inc({ method: req.method ?? 'POST', route: '/entries', status: '201' });
    });
  });
  https.on('connection', () => metrics.connections.inc());
  https.on('tlsClientError', (err: NodeJS.ErrnoException, socket) => {
    metrics.tlsErrors.inc({ code: err.code ?? 'UNKNOWN' });
    ctx.log.warn(
      { err, remoteAddress: socket.remoteAddress, remotePort: socket.remotePort },
      `TLS handshake failed: ${err.message.trim()}`,
    );
  });
  await new Promise<void>((resolve) => https.listen(ctx.listenPort, '127.0.0.1', resolve));
  const address = https.address();
  const port = typeof address === 'object' && address ? address.port : ctx.listenPort;
  ctx.log.info({ port }, `ledger listening for HTTPS on 127.0.0.1:${port}`);
  ctx.ready(port);
  await ctx.stopping;
  https.closeAllConnections();
  https.close();
}

async function client(ctx: ServiceContext): Promise<void> {
  const peer = ctx.peer ?? SERVER;
  const metrics = createClientMetrics(ctx.registry(ctx.service));
  initClientMetrics(metrics, peer, 'POST');
  const fixed = ctx.options.mode === 'fixed';
  const { cert } = tlsMaterial(ctx);
  const agent = fixed
    ? new HttpsAgent({ keepAlive: true, maxSockets: 2, ca: cert })
    : new HttpAgent({ keepAlive: true, maxSockets: 2 });
  metrics.poolIdle.set({ peer }, 4);
  const base = new URL(`${fixed ? 'https' : 'http'}://127.0.0.1:${ctx.targetPort}`);
  ctx.log.info({ peer, ledgerUrl: base.href }, `billing posting entries to ${peer} at ${base.href}`);
  ctx.ready();
  let n = 0;
  while (!ctx.stopped()) {
    n++;
    const attempt = await send({
      url: new URL('/entries', base),
      method: 'POST',
      agent,
      body: Buffer.from(JSON.stringify({ invoice: `INV-${20_000 + n}`, amount: 4200 })),
      headers: { 'content-type': 'application/json' },
      ...(fixed ? { ca: cert } : {}),
      timeoutMs: 5000,
    });
    record(attempt, { method: 'POST', path: '/entries', peer }, metrics, ctx.log);
    await sleep(1000 / ctx.options.rate, ctx.signal);
  }
  agent.destroy();
}

export const tlsPlaintext: Scenario = {
  name: 'tls-plaintext',
  cause: SCENARIO_CAUSE['tls-plaintext'],
  summary:
    'a client speaks plaintext HTTP to a TLS port: the handshake fails on the first bytes and every request is cut',
  services: [
    { service: SERVER, kind: 'server', role: server },
    { service: CLIENT, kind: 'client', peer: SERVER, role: client },
  ],
};
