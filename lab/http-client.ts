import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { ClientMetrics } from './metrics.js';

/**
 * One HTTP request as a caller sends it, with what an on-call engineer would want to know when it fails:
 * the Node error (message and code), whether the connection came from the pool and how long it sat idle.
 */

export interface Attempt {
  readonly url: string;
  readonly status?: number;
  readonly error?: NodeJS.ErrnoException;
  readonly reusedSocket: boolean;
  /** The request opened a TCP connection (it connected; a refused or impossible connect did not). */
  readonly newConnection: boolean;
  readonly idleMs?: number;
  readonly durationMs: number;
  readonly bodyBytes: number;
}

export interface SendOptions {
  readonly url: URL;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly agent: Agent;
  readonly headers?: Readonly<Record<string, string>>;
  /** Request body: streamed in 64 KiB chunks, respecting back-pressure. */
  readonly bodyBytes?: number;
  readonly body?: Buffer;
  readonly ca?: Buffer;
  readonly timeoutMs?: number;
}

const lastFree = new WeakMap<Socket, number>();

/** Remembers when each pooled socket went back to the pool (for the idle time before reuse). */
export function trackIdle(agent: Agent): void {
  agent.on('free', (socket: Socket) => lastFree.set(socket, Date.now()));
}

const CHUNK = Buffer.alloc(64 * 1024, 0x61);

function asErrno(e: unknown): NodeJS.ErrnoException {
  return e instanceof Error ? e : new Error(String(e));
}

export function send(options: SendOptions): Promise<Attempt> {
  return new Promise((resolve) => {
    const started = Date.now();
    const size = options.body?.length ?? options.bodyBytes ?? 0;
    let reusedSocket = false;
    let newConnection = false;
    let idleMs: number | undefined;
    let status: number | undefined;
    let settled = false;
    const finish = (error?: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      resolve({
        url: options.url.href,
        ...(status === undefined ? {} : { status }),
        ...(error === undefined ? {} : { error }),
        reusedSocket,
        newConnection,
        ...(idleMs === undefined ? {} : { idleMs }),
        durationMs: Date.now() - started,
        bodyBytes: size,
      });
    };
    const requestOf = options.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req: ClientRequest = requestOf(options.url, {
      method: options.method,
      agent: options.agent,
      headers: {
        ...(size > 0 ? { 'content-type': 'application/octet-stream', 'content-length': String(size) } : {}),
        ...options.headers,
      },
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    });
    req.on('socket', (socket: Socket) => {
      reusedSocket = req.reusedSocket;
      if (!reusedSocket) socket.once('connect', () => (newConnection = true));
      const freed = lastFree.get(socket);
      if (reusedSocket && freed !== undefined) idleMs = Date.now() - freed;
    });
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })),
    );
    let writeFinished = size === 0;
    let responseEnded = false;
    req.on('response', (res: IncomingMessage) => {
      status = res.statusCode;
      res.on('data', () => undefined);
      res.on('end', () => {
        responseEnded = true;
        // An upload cut short is still a failure even though a response arrived: wait for the write.
        if (writeFinished) finish();
      });
      res.on('error', (e) => finish(asErrno(e)));
    });
    req.on('error', (e) => finish(asErrno(e)));
    req.on('finish', () => {
      writeFinished = true;
      if (responseEnded) finish();
    });
    if (options.body) {
      req.end(options.body);
      return;
    }
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        const n = Math.min(CHUNK.length, size - sent);
        sent += n;
        if (!req.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

/** Error text without addresses and ports, so it can be a label value. */
export function errorLabel(e: NodeJS.ErrnoException): string {
  return e.message
    .replace(/\s+-\s+Local\s+\(.*\)$/, '')
    .replace(/\s+\[?[0-9a-fA-F.:]+\]?:\d{1,5}\b.*$/, '')
    .slice(0, 80);
}

/** Counters start at zero for the outcomes a caller knows of, so increase() sees the first failure. */
export function initClientMetrics(metrics: ClientMetrics, peer: string, method: string): void {
  for (const outcome of ['ok', 'http_error', 'error']) metrics.requests.inc({ peer, method, outcome }, 0);
  metrics.connections.inc({ peer }, 0);
}

/** Metrics and one log line per attempt, the way the caller's own instrumentation would record it. */
export function record(
  attempt: Attempt,
  what: { readonly method: string; readonly path: string; readonly peer: string },
  metrics: ClientMetrics,
  log: Logger,
): void {
  const seconds = attempt.durationMs / 1000;
  if (attempt.newConnection) metrics.connections.inc({ peer: what.peer });
  const base = {
    peer: what.peer,
    method: what.method,
    path: what.path,
    url: attempt.url,
    durationMs: attempt.durationMs,
    reusedSocket: attempt.reusedSocket,
    ...(attempt.idleMs === undefined ? {} : { idleMs: attempt.idleMs }),
    ...(attempt.bodyBytes > 0 ? { bodyBytes: attempt.bodyBytes } : {}),
  };
  if (attempt.error) {
    const code = attempt.error.code ?? 'UNKNOWN';
    metrics.requests.inc({ peer: what.peer, method: what.method, outcome: 'error' });
    metrics.errors.inc({
      peer: what.peer,
      method: what.method,
      code,
      error: errorLabel(attempt.error),
      reused_socket: String(attempt.reusedSocket),
    });
    metrics.duration.observe({ peer: what.peer, outcome: 'error' }, seconds);
    if (attempt.idleMs !== undefined)
      metrics.idle.observe({ peer: what.peer, outcome: 'error' }, attempt.idleMs / 1000);
    log.error(
      {
        ...base,
        err: attempt.error,
        ...(attempt.status === undefined ? {} : { responseStatus: attempt.status }),
      },
      `${what.method} ${attempt.url} (${what.peer}) failed: ${attempt.error.message}`,
    );
    return;
  }
  const status = attempt.status ?? 0;
  const outcome = status >= 400 ? 'http_error' : 'ok';
  metrics.requests.inc({ peer: what.peer, method: what.method, outcome });
  metrics.duration.observe({ peer: what.peer, outcome }, seconds);
  if (attempt.idleMs !== undefined) metrics.idle.observe({ peer: what.peer, outcome }, attempt.idleMs / 1000);
  if (outcome === 'ok')
    log.info({ ...base, status }, `${what.method} ${what.path} ${status} in ${attempt.durationMs} ms`);
  else log.warn({ ...base, status }, `${what.method} ${what.path} answered ${status}`);
}
