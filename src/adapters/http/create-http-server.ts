import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
  LogController,
} from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { errorMessage } from '../../errors.js';
import { errorBody, handleHttpError } from './http-errors.js';

/** A check /readyz runs; it throws (or rejects) when its part is not ready, with the reason. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/**
 * Routes another module adds to the one server (the Alertmanager webhook, Slack's `POST /slack/events`,
 * a rule playground). Each is registered as an encapsulated fastify plugin, so its own content-type
 * parsers, body limits and hooks stay its own.
 */
export interface HttpPlugin {
  readonly name: string;
  readonly plugin: FastifyPluginAsync;
}

export interface HttpServerDeps {
  readonly logger: Logger;
  /** The prom-client registry GET /metrics serves. */
  readonly registry: Registry;
  readonly readiness: readonly ReadinessCheck[];
  readonly plugins: readonly HttpPlugin[];
  /** How long one readiness check may take. */
  readonly readinessTimeoutMs?: number;
}

async function runCheck(check: ReadinessCheck, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
    return 'ok';
  } catch (e) {
    return errorMessage(e);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The bot's one HTTP server, built and not listening: `main` listens, tests use port 0 or `inject`.
 * GET /healthz (the process is alive), GET /readyz (every readiness check passes), GET /metrics
 * (prom-client), plus every plugin's routes.
 */
export async function createHttpServer(deps: HttpServerDeps): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = deps.logger.child({ component: 'http' });
  const app: FastifyInstance = Fastify({
    loggerInstance,
    // Routes log what matters themselves, with the incident id; per-request lines would only repeat it.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  app.setErrorHandler((error, request, reply) => handleHttpError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody('NOT_FOUND', `no route ${request.method} ${request.url}`)),
  );

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const ms = deps.readinessTimeoutMs ?? 2000;
    const results = await Promise.all(
      deps.readiness.map(async (c) => [c.name, await runCheck(c, ms)] as const),
    );
    const checks = Object.fromEntries(results);
    const ready = results.every(([, r]) => r === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await deps.registry.metrics();
    return reply.header('content-type', deps.registry.contentType).send(text);
  });

  for (const p of deps.plugins) await app.register(p.plugin);
  return app;
}
