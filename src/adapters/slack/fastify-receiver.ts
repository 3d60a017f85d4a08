import { parse as parseQuery } from 'node:querystring';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { verifySlackRequest } from '@slack/bolt';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/**
 * A Bolt receiver that lives on the bot's one fastify server: a plugin mounting `POST /slack/events`. Only
 * transport: the raw body is kept (the signature covers its exact bytes), the request must be signed with
 * the signing secret and fresh (five minutes either way), then the parsed body goes to Bolt's
 * `processEvent`, and the HTTP answer is whatever the listener acknowledges with. The plugin is
 * encapsulated: its body parsers do not touch the server's other routes.
 */

export const SLACK_EVENTS_PATH = '/slack/events';
const MAX_SKEW_S = 5 * 60;
/** Slack retries an event it did not see acknowledged within 3 s. */
const ACK_TIMEOUT_MS = 3_000;

export interface FastifyReceiverOptions {
  readonly signingSecret: string;
  readonly log: Logger;
  readonly path?: string;
  /** Largest request body (Slack's are small; events with long messages stay well below). */
  readonly bodyLimit?: number;
  readonly now?: () => number;
}

type AckBody = string | Record<string, unknown> | undefined;

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    const form = parseQuery(raw);
    return typeof form.payload === 'string' ? JSON.parse(form.payload) : { ...form };
  }
  return JSON.parse(raw);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class FastifySlackReceiver implements Receiver {
  private app: App | undefined;
  private readonly options: FastifyReceiverOptions;
  readonly plugin: FastifyPluginAsync;

  constructor(options: FastifyReceiverOptions) {
    this.options = options;
    this.plugin = async (server) => {
      for (const type of ['application/json', 'application/x-www-form-urlencoded']) {
        server.addContentTypeParser(type, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
      }
      server.post(
        options.path ?? SLACK_EVENTS_PATH,
        { bodyLimit: options.bodyLimit ?? 1024 * 1024 },
        (req, reply) => this.handle(req, reply),
      );
    };
  }

  init(app: App): void {
    this.app = app;
  }

  /** The fastify server is started and stopped by its owner. */
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** Checks signature and freshness; returns why a request is refused, or undefined when it is genuine. */
  verify(raw: string, req: FastifyRequest): string | undefined {
    const signature = header(req, 'x-slack-signature');
    const timestamp = header(req, 'x-slack-request-timestamp');
    if (!signature || !timestamp) return 'unsigned';
    const ts = Number(timestamp);
    if (!/^\d{1,12}$/.test(timestamp) || !Number.isFinite(ts)) return 'bad timestamp';
    const nowMs = (this.options.now ?? Date.now)();
    if (Math.abs(nowMs / 1000 - ts) > MAX_SKEW_S) return 'stale';
    try {
      verifySlackRequest({
        signingSecret: this.options.signingSecret,
        body: raw,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts },
        nowMilliseconds: nowMs,
      });
      return undefined;
    } catch {
      return 'bad signature';
    }
  }

  private async handle(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const log = this.options.log;
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    // Slack's certificate check may come unsigned; it is answered and nothing in it is processed.
    if (
      header(req, 'content-type')?.startsWith('application/x-www-form-urlencoded') &&
      parseQuery(raw).ssl_check === '1'
    ) {
      await reply.code(200).send();
      return;
    }
    const refused = this.verify(raw, req);
    if (refused) {
      log.warn({ reason: refused, ip: req.ip }, 'Slack request refused');
      await reply.code(401).send({ error: refused });
      return;
    }
    let body: unknown;
    try {
      body = parseBody(raw, header(req, 'content-type'));
    } catch {
      await reply.code(400).send({ error: 'body is not JSON or form data' });
      return;
    }
    if (!isRecord(body)) {
      await reply.code(400).send({ error: 'body is not an object' });
      return;
    }
    if (body.type === 'url_verification' && typeof body.challenge === 'string') {
      await reply.code(200).send({ challenge: body.challenge });
      return;
    }
    const app = this.app;
    if (!app) {
      await reply.code(503).send({ error: 'not ready' });
      return;
    }

    let acked = false;
    let resolveAck: (body: AckBody) => void = () => {};
    const ackd = new Promise<AckBody>((resolve) => {
      resolveAck = resolve;
    });
    const retryNum = Number(header(req, 'x-slack-retry-num'));
    const retryReason = header(req, 'x-slack-retry-reason');
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        resolveAck(typeof response === 'string' || isRecord(response) ? response : undefined);
      },
      ...(Number.isInteger(retryNum) ? { retryNum } : {}),
      ...(retryReason ? { retryReason } : {}),
    };
    const processed = app.processEvent(event).then(
      () => ({ kind: 'done' as const }),
      (error: unknown) => ({ kind: 'error' as const, error }),
    );
    const timeout = new Promise<{ kind: 'timeout' }>((resolve) =>
      setTimeout(() => resolve({ kind: 'timeout' }), ACK_TIMEOUT_MS).unref(),
    );
    const first = await Promise.race([
      ackd.then((b) => ({ kind: 'ack' as const, body: b })),
      processed,
      timeout,
    ]);
    if (first.kind !== 'error')
      void processed.then((r) => {
        if (r.kind === 'error')
          log.error({ err: r.error }, 'Slack event processing failed after acknowledging');
      });
    switch (first.kind) {
      case 'ack':
        if (first.body === undefined || first.body === '') await reply.code(200).send();
        else await reply.code(200).send(first.body);
        return;
      case 'done':
        // Handled without an acknowledgement: nobody listens for it; Slack must not retry.
        await reply.code(200).send();
        return;
      case 'error':
        log.error({ err: first.error }, 'Slack event processing failed before acknowledging');
        await reply.code(500).send({ error: 'processing failed' });
        return;
      case 'timeout':
        log.warn('Slack request not acknowledged in time');
        await reply.code(200).send();
        return;
    }
  }
}
