import { Agent, createServer } from 'node:http';
import { initClientMetrics, record, send } from '../http-client.js';
import { createClientMetrics, createServerMetrics, initServerMetrics } from '../metrics.js';
import { SCENARIO_CAUSE } from '../options.js';
import { type ServiceContext, sleep } from '../runtime.js';
import type { Scenario } from './scenario.js';

/**
 * The peer crashes mid-request. `payments` has a bug: a charge paid with a voucher has no card, and reading
 * the card's last digits throws inside an async continuation. Like most Node services it logs the
 * uncaughtException and exits 1; the lab's supervisor restarts it after a second (as pm2, systemd or the
 * kubelet would). `orders`, with several charges in flight, sees `socket hang up` / `read ECONNRESET`, then
 * `connect ECONNREFUSED` until the server is back.
 *
 * Fixed: the handler tolerates a payment without a card.
 */

const SERVER = 'payments';
const CLIENT = 'orders';

interface Charge {
  readonly orderId: number;
  readonly amount: number;
  readonly payment: { readonly method: string; readonly card?: { readonly last4: string } };
}

function parseCharge(text: string): Charge | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (!v || typeof v !== 'object') return undefined;
    const o = v as Record<string, unknown>;
    const payment = o.payment as Record<string, unknown> | undefined;
    if (
      typeof o.orderId !== 'number' ||
      typeof o.amount !== 'number' ||
      !payment ||
      typeof payment.method !== 'string'
    )
      return undefined;
    const card = payment.card as Record<string, unknown> | undefined;
    return {
      orderId: o.orderId,
      amount: o.amount,
      payment: {
        method: payment.method,
        ...(card && typeof card.last4 === 'string' ? { card: { last4: card.last4 } } : {}),
      },
    };
  } catch {
    return undefined;
  }
}

function last4Of(payment: Charge['payment'], fixed: boolean): string {
  if (payment.card) return payment.card.last4;
  if (fixed) return payment.method;
  // The bug as it is in production: the code assumed every payment has a card (Node's own TypeError text).
  throw new TypeError("Cannot read properties of undefined (reading 'last4')");
}

async function server(ctx: ServiceContext): Promise<void> {
  const metrics = createServerMetrics(ctx.registry(ctx.service));
  initServerMetrics(metrics, { method: 'POST', route: '/charge', statuses: [201, 400] });
  process.on('uncaughtException', (err) => {
    ctx.log.fatal({ err }, `uncaughtException: ${err.message}`);
    process.exit(1);
  });
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const charge = parseCharge(Buffer.concat(chunks).toString('utf8'));
      if (!charge) {
        res.writeHead(400).end();
        metrics.requests.inc({ method: 'POST', route: '/charge', status: '400' });
        return;
      }
      // The card lookup is asynchronous; an exception thrown here is nobody's to catch.
      setTimeout(() => {
        const last4 = last4Of(charge.payment, ctx.options.mode === 'fixed');
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ orderId: charge.orderId, status: 'captured', card: last4 }));
        metrics.requests.inc({ method: 'POST', route: '/charge', status: '201' });
        ctx.log.debug({ orderId: charge.orderId, amount: charge.amount }, 'charge captured');
      }, 15);
    });
  });
  http.on('connection', () => metrics.connections.inc());
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(ctx.listenPort, '127.0.0.1', resolve);
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : ctx.listenPort;
  ctx.log.info({ port }, `payments listening on 127.0.0.1:${port}`);
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
  ctx.log.info({ peer }, `orders charging through ${peer} at ${base.host}`);
  ctx.ready();
  let orderId = 70_000;
  const worker = async (): Promise<void> => {
    while (!ctx.stopped()) {
      const id = orderId++;
      const voucher = id % ctx.options.crashEvery === 0;
      const charge: Charge = {
        orderId: id,
        amount: 1999 + (id % 7) * 100,
        payment: voucher ? { method: 'voucher' } : { method: 'card', card: { last4: '4242' } },
      };
      const attempt = await send({
        url: new URL('/charge', base),
        method: 'POST',
        agent,
        body: Buffer.from(JSON.stringify(charge)),
        headers: { 'content-type': 'application/json' },
        timeoutMs: 5000,
      });
      record(attempt, { method: 'POST', path: '/charge', peer }, metrics, ctx.log);
      await sleep((3 * 1000) / ctx.options.rate, ctx.signal);
    }
  };
  await Promise.all([worker(), sleep(300).then(worker), sleep(600).then(worker)]);
  agent.destroy();
}

export const crash: Scenario = {
  name: 'crash',
  cause: SCENARIO_CAUSE.crash,
  summary:
    'the server process crashes on a request it cannot handle: requests in flight are cut, then refused until it restarts',
  services: [
    { service: SERVER, kind: 'server', role: server },
    { service: CLIENT, kind: 'client', peer: SERVER, role: client },
  ],
};
