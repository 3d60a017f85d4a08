import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface CountingProxy {
  readonly url: string;
  /** Every API request seen: `<path> <params without timeout, sorted>`. */
  readonly requests: string[];
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A real HTTP proxy in front of Prometheus that records each request (to count queries server-side). */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await body(req);
      const url = new URL(req.url ?? '/', target);
      const params = new URLSearchParams(url.search);
      if (raw.length > 0) for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) params.append(k, v);
      params.delete('timeout');
      const key = [...params.entries()]
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join('&');
      requests.push(`${url.pathname} ${key}`);
      const upstream = await fetch(url, {
        method: req.method ?? 'GET',
        headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
        ...(req.method === 'POST' ? { body: raw } : {}),
      });
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'text/plain',
      });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    })().catch((e: unknown) => {
      res.writeHead(502).end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Prometheus' own count of API requests it served (prometheus_http_requests_total over API handlers). */
export async function apiRequestsServed(prometheusUrl: string): Promise<number> {
  const text = await (await fetch(`${prometheusUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    const m = /^prometheus_http_requests_total\{([^}]*)\} (\S+)$/.exec(line);
    if (!m) continue;
    const handler = /handler="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? '';
    if (
      handler === '/api/v1/query' ||
      handler === '/api/v1/query_range' ||
      handler.startsWith('/api/v1/label/')
    )
      total += Number(m[2]);
  }
  return total;
}
