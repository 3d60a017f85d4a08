import { Agent, request } from 'node:http';

/** POSTs webhook bodies over kept-alive connections (what Alertmanager does), with a bounded pool. */
export interface WebhookClient {
  /** Resolves with the status and body once the response is read. */
  post(body: string): Promise<{ readonly status: number; readonly body: string }>;
  close(): void;
}

export function createWebhookClient(address: string, token: string, maxSockets: number): WebhookClient {
  const url = new URL('/alertmanager', address);
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    post(body) {
      return new Promise((resolve, reject) => {
        const req = request(
          url,
          {
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              authorization: `Bearer ${token}`,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
