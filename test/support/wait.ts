import { createServer } from 'node:net';

/** Polls `check` until it returns a value other than undefined; the last error explains a timeout. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  options: { readonly timeoutMs?: number; readonly intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${last ? `: ${last instanceof Error ? last.message : String(last)}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 200));
  }
}

/** Resolves once GET url answers with `status` (200 by default). */
export function waitForHttp(
  url: string,
  options: { readonly status?: number; readonly timeoutMs?: number } = {},
): Promise<Response> {
  return waitFor(
    `${url} to answer ${options.status ?? 200}`,
    async () => {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === (options.status ?? 200)) return res;
      await res.body?.cancel();
      throw new Error(`status ${res.status}`);
    },
    { timeoutMs: options.timeoutMs ?? 30_000 },
  );
}

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
