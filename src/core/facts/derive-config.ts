/**
 * Timeouts along the path, from what was said explicitly or, failing that, from the defaults of the
 * components named (domain.md §4). The rule of thumb the rules check: caller pool idle < callee keep-alive
 * < every L4 middlebox idle timeout on the path.
 */

/** Seconds a server keeps an idle keep-alive connection open, by default. */
const SERVER_KEEPALIVE_S: Readonly<Record<string, number>> = {
  node: 5,
  gunicorn: 2,
  uvicorn: 5,
  apache: 5,
  jetty: 30,
  puma: 20,
  tomcat: 60,
  nginx: 75,
  kestrel: 130,
};

/** Seconds a caller (load balancer, proxy, client pool) keeps idle pooled connections, by default. */
const CALLER_IDLE_S: Readonly<Record<string, number>> = {
  alb: 60,
  elb: 60,
  'ingress-nginx': 60,
  'gcp-lb': 600,
  envoy: 3600,
  istio: 3600,
  traefik: 90,
  // Caddy's reverse proxy keeps idle upstream connections for 2 minutes (keepalive_idle_conns' idle timeout)
  caddy: 120,
  gorouter: 90,
  go: 90,
  okhttp: 300,
  'apache-httpclient': Number.POSITIVE_INFINITY,
  'python-requests': Number.POSITIVE_INFINITY,
  // hyper's pooled client (reqwest, the Rust HTTP stack) drops idle connections after 90 s
  hyper: 90,
  // Finch's pools keep idle connections until the server closes them (conn_max_idle_time: :infinity)
  finch: Number.POSITIVE_INFINITY,
  'reactor-netty': Number.POSITIVE_INFINITY,
  dotnet: 60,
  // undici (Node's fetch) drops an idle socket after 4 s, or 1 s before the server's Keep-Alive: timeout
  undici: 4,
};

/** L4 middleboxes that forget idle flows, and after how long (seconds). */
const MIDDLEBOX_IDLE_S: Readonly<Record<string, number>> = {
  'nat-gateway': 350,
  nlb: 350,
  'azure-lb': 240,
  'azure-nat': 240,
  azure: 240,
  'cloud-nat': 1200,
  // GCP TCP/SSL proxy and network load balancers drop flows idle for 10 minutes without an RST
  'gcp-tcp-lb': 600,
  // Azure Event Hubs (Kafka and AMQP endpoints) closes connections idle for 240 s behind its load balancer
  'azure-event-hubs': 240,
  ipvs: 900,
  f5: 300,
  // stateful firewalls (Cisco ASA, Palo Alto, FortiGate) drop idle TCP sessions after about an hour
  firewall: 3600,
  nat: 350,
  // Cloudflare's proxy ends a connection (a WebSocket too) that sends nothing for 100 s
  cloudflare: 100,
};

/** Runtimes seen in a client's log stand for their default client pool. */
const RUNTIME_AS_CALLER: Readonly<Record<string, string>> = {
  go: 'go',
  python: 'python-requests',
  rust: 'hyper',
  dotnet: 'dotnet',
};

/**
 * Clients of these speak their own protocol, not HTTP: a runtime's log beside one of them is that client's
 * log, so the runtime does not stand for its default HTTP pool.
 */
const NOT_HTTP_CLIENTS: ReadonlySet<string> = new Set([
  'redis',
  'kafka',
  'amqp',
  'postgres',
  'mysql',
  'database',
]);

export interface ConfigFacts {
  readonly serverKeepAliveS?: number;
  readonly server?: string;
  readonly callerIdleS?: number;
  readonly caller?: string;
  readonly middleboxIdleS?: number;
  readonly middlebox?: string;
  /** Server keep-alive shorter than the caller's idle pool time: the keep-alive race is possible. */
  readonly keepAliveOrderViolated?: boolean;
  /** A pooled caller may hold idle connections longer than an L4 middlebox remembers them. */
  readonly middleboxShorterThanPool?: boolean;
}

/** Large stand-in for "never" so numeric comparisons still work. */
export const UNLIMITED_S = 1_000_000;

function finite(n: number): number {
  return Number.isFinite(n) ? n : UNLIMITED_S;
}

export interface ConfigInput {
  readonly components: readonly string[];
  readonly runtimes: readonly string[];
  readonly serverTimeoutS?: number;
  readonly callerTimeoutS?: number;
  readonly nodeVersion?: string;
  readonly nginxVersion?: string;
  readonly hints: readonly string[];
}

function nginxPoolsUpstream(input: ConfigInput): boolean {
  if (input.components.includes('ingress-nginx')) return false; // counted on its own
  const v = input.nginxVersion?.split('.').map(Number);
  const recent =
    v !== undefined &&
    ((v[0] ?? 0) > 1 ||
      ((v[0] ?? 0) === 1 && ((v[1] ?? 0) > 29 || ((v[1] ?? 0) === 29 && (v[2] ?? 0) >= 7))));
  return recent || (input.components.includes('nginx') && input.hints.includes('pooling'));
}

export function deriveConfig(input: ConfigInput): ConfigFacts {
  const servers = input.components.filter((c) => SERVER_KEEPALIVE_S[c] !== undefined);
  let server: string | undefined;
  let serverKeepAliveS: number | undefined;
  for (const s of servers) {
    let v = SERVER_KEEPALIVE_S[s];
    if (s === 'node' && input.nodeVersion && Number(input.nodeVersion.split('.')[0]) >= 26) v = 65;
    // nginx named as a proxy in front of something else is a caller, not the server.
    if (s === 'nginx' && servers.length > 1) continue;
    if (v !== undefined && (serverKeepAliveS === undefined || v < serverKeepAliveS)) {
      serverKeepAliveS = v;
      server = s;
    }
  }
  if (input.serverTimeoutS !== undefined) {
    serverKeepAliveS = input.serverTimeoutS;
    server = server ?? 'server (as stated)';
  }

  const callers = new Set(input.components.filter((c) => CALLER_IDLE_S[c] !== undefined));
  const speaksOtherProtocol = input.components.some((c) => NOT_HTTP_CLIENTS.has(c));
  for (const r of speaksOtherProtocol ? [] : input.runtimes) {
    const c = RUNTIME_AS_CALLER[r];
    if (c) callers.add(c);
  }
  let caller: string | undefined;
  let callerIdle: number | undefined;
  for (const c of callers) {
    const v = CALLER_IDLE_S[c];
    if (v !== undefined && (callerIdle === undefined || v > callerIdle)) {
      callerIdle = v;
      caller = c;
    }
  }
  if (nginxPoolsUpstream(input) && (callerIdle === undefined || callerIdle < 60)) {
    callerIdle = 60;
    caller = 'nginx';
  }
  if (input.callerTimeoutS !== undefined) {
    callerIdle = input.callerTimeoutS;
    caller = caller ?? 'caller (as stated)';
  }

  let middlebox: string | undefined;
  let middleboxIdleS: number | undefined;
  for (const c of input.components) {
    const v = MIDDLEBOX_IDLE_S[c];
    if (v !== undefined && (middleboxIdleS === undefined || v < middleboxIdleS)) {
      middleboxIdleS = v;
      middlebox = c;
    }
  }
  const pooled =
    input.hints.includes('pooling') || input.hints.includes('long-lived') || callerIdle !== undefined;
  return {
    ...(serverKeepAliveS === undefined ? {} : { serverKeepAliveS }),
    ...(server === undefined ? {} : { server }),
    ...(callerIdle === undefined ? {} : { callerIdleS: finite(callerIdle) }),
    ...(caller === undefined ? {} : { caller }),
    ...(middleboxIdleS === undefined ? {} : { middleboxIdleS }),
    ...(middlebox === undefined ? {} : { middlebox }),
    ...(serverKeepAliveS !== undefined && callerIdle !== undefined
      ? { keepAliveOrderViolated: serverKeepAliveS < callerIdle }
      : {}),
    ...(middleboxIdleS !== undefined && pooled
      ? { middleboxShorterThanPool: callerIdle === undefined || finite(callerIdle) > middleboxIdleS }
      : {}),
  };
}
