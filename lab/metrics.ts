import { readFileSync } from 'node:fs';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * What each lab service exports, in the names and shapes a Node service instrumented with prom-client would
 * use. The service itself is not a label: Prometheus adds `service`, `scenario` and `namespace` from the
 * targets the lab advertises (GET /targets), as it would from Kubernetes pod labels.
 */

export function createClientMetrics(registry: Registry) {
  const registers = [registry];
  return {
    requests: new Counter({
      name: 'lab_client_requests_total',
      help: 'Requests the caller sent, by peer, method and outcome (ok, http_error, error).',
      labelNames: ['peer', 'method', 'outcome'] as const,
      registers,
    }),
    errors: new Counter({
      name: 'lab_client_errors_total',
      help: 'Requests that failed below HTTP, by method, Node error code and message (addresses stripped), and whether the connection was a reused pooled one.',
      labelNames: ['peer', 'method', 'code', 'error', 'reused_socket'] as const,
      registers,
    }),
    connections: new Counter({
      name: 'lab_client_connections_opened_total',
      help: 'TCP connections the caller opened.',
      labelNames: ['peer'] as const,
      registers,
    }),
    duration: new Histogram({
      name: 'lab_client_request_duration_seconds',
      help: 'Request duration seen by the caller, by outcome.',
      labelNames: ['peer', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    idle: new Histogram({
      name: 'lab_client_socket_idle_seconds',
      help: 'How long a pooled connection sat idle before a request reused it, by outcome.',
      labelNames: ['peer', 'outcome'] as const,
      buckets: [0.1, 0.25, 0.5, 1, 1.5, 1.9, 2.1, 2.5, 3, 4, 5, 10, 30, 60],
      registers,
    }),
    poolIdle: new Gauge({
      name: 'lab_client_pool_idle_timeout_seconds',
      help: 'How long the caller keeps an idle pooled connection (0: no pooling).',
      labelNames: ['peer'] as const,
      registers,
    }),
  };
}
export type ClientMetrics = ReturnType<typeof createClientMetrics>;

export function createServerMetrics(registry: Registry) {
  const registers = [registry];
  return {
    requests: new Counter({
      name: 'lab_server_requests_total',
      help: 'Requests the server answered, by method, route and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    connections: new Counter({
      name: 'lab_server_connections_total',
      help: 'TCP connections the server accepted.',
      registers,
    }),
    tlsErrors: new Counter({
      name: 'lab_server_tls_handshake_errors_total',
      help: 'Connections dropped during the TLS handshake, by OpenSSL error code.',
      labelNames: ['code'] as const,
      registers,
    }),
    keepAlive: new Gauge({
      name: 'lab_server_keepalive_timeout_seconds',
      help: "The server's keepAliveTimeout setting.",
      registers,
    }),
    bodyLimit: new Gauge({
      name: 'lab_server_request_body_limit_bytes',
      help: 'Largest request body the server accepts.',
      registers,
    }),
  };
}
export type ServerMetrics = ReturnType<typeof createServerMetrics>;

/** Counters start at zero for the answers a server gives, so increase() sees the first one. */
export function initServerMetrics(
  metrics: ServerMetrics,
  route: { readonly method: string; readonly route: string; readonly statuses: readonly number[] },
): void {
  for (const status of route.statuses)
    metrics.requests.inc({ method: route.method, route: route.route, status: String(status) }, 0);
  metrics.connections.inc(0);
}

/** Socket states in /proc/net/tcp{,6}: 06 is TIME_WAIT. */
export function countTimeWait(): number {
  let n = 0;
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      if (line.trim().split(/\s+/)[3] === '06') n++;
    }
  }
  return n;
}

export function createSupervisorMetrics(registry: Registry) {
  const registers = [registry];
  return {
    up: new Gauge({
      name: 'lab_service_up',
      help: '1 while the service process runs, 0 while it is down or restarting.',
      labelNames: ['service', 'scenario'] as const,
      registers,
    }),
    restarts: new Counter({
      name: 'lab_service_restarts_total',
      help: 'Times the supervisor restarted the service after it exited.',
      labelNames: ['service', 'scenario'] as const,
      registers,
    }),
    lastExitCode: new Gauge({
      name: 'lab_service_last_exit_code',
      help: 'Exit code of the last exit of the service (128 + signal number when killed by a signal).',
      labelNames: ['service', 'scenario'] as const,
      registers,
    }),
    scenario: new Gauge({
      name: 'lab_scenario_info',
      help: 'The scenarios this lab runs: the cause each reproduces and whether the fault or the fix is on.',
      labelNames: ['scenario', 'cause', 'mode'] as const,
      registers,
    }),
  };
}
