import { createServer, type IncomingHttpHeaders } from 'node:http';
import { waitFor } from './wait.js';

/**
 * A local HTTP receiver that records what is posted to it (Alertmanager webhooks in phase-1 tests, where the
 * bot is not in the loop). With a token, it answers 401 without the right bearer token, as the bot does.
 */

export interface ReceivedRequest {
  readonly at: number;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly status: number;
}

export interface WebhookSink {
  readonly url: string;
  readonly requests: readonly ReceivedRequest[];
  waitFor(test: (r: ReceivedRequest) => boolean, timeoutMs?: number): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

export async function startWebhookSink(
  options: { readonly path?: string; readonly token?: string } = {},
): Promise<WebhookSink> {
  const path = options.path ?? '/alertmanager';
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      const authorised =
        options.token === undefined || req.headers.authorization === `Bearer ${options.token}`;
      const status = req.url !== path ? 404 : authorised ? 200 : 401;
      requests.push({
        at: Date.now(),
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        status,
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{"status":"accepted"}' : '{"error":"rejected"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    waitFor: (test, timeoutMs = 60_000) =>
      waitFor('a matching webhook request', () => requests.find(test), { timeoutMs, intervalMs: 200 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
