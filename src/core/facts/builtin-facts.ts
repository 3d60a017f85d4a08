import { COMPONENT_IDS, HINT_IDS } from '../parse/parse-words.js';
import { ENVOY_FLAG_LIST, SIGNATURES } from '../parse/signatures.js';

/**
 * Facts the parsers compute from the log, the person's words, the alert and captures. With the metric
 * catalogue (catalogue/metrics.json) this is the whole vocabulary rules may use; the linter checks rules
 * against it and docs/rules.md lists it.
 */

export type FactType = 'number' | 'string' | 'boolean' | 'string[]' | 'number[]';

export interface FactDefinition {
  readonly name: string;
  readonly type: FactType;
  readonly unit?: string;
  readonly origin: 'log' | 'capture' | 'timing' | 'words' | 'alert' | 'config' | 'incident' | 'merged';
  readonly description: string;
  /** Values a tag fact can take (documented; lint warns on others). */
  readonly values?: readonly string[];
  /**
   * Too large to quote or to keep: rules may read it (`matches`), but it is left out of the diagnosis and
   * templates may not quote it.
   */
  readonly large?: boolean;
}

/** Most text `log.text` holds: the tail of the log plus earlier lines where a signature matched. */
export const LOG_TEXT_TAIL_CHARS = 256 * 1024;
export const LOG_TEXT_HIT_LINES_CHARS = 64 * 1024;

const RUNTIMES: readonly string[] = [
  ...new Set(SIGNATURES.map((s) => s.runtime).filter((r): r is NonNullable<typeof r> => r !== undefined)),
].sort();

export const CLASSES = [
  'reset',
  'closed-before-response',
  'stale-connection',
  'upstream-closed',
  'upstream-reset',
  'mid-body',
  'write-failed',
  'refused',
  'connect-failed',
  'connect-timeout',
  'dns-failure',
  'read-timeout',
  'timeout',
  'port-exhausted',
  'fd-exhausted',
  'accept-failed',
  'conntrack-full',
  'conntrack-race',
  'listen-overflow',
  'oom',
  'tcp-memory',
  'sigkill',
  'crash',
  'crash-loop',
  'liveness-kill',
  'not-ready',
  'exception',
  'shutdown',
  'termination',
  'server-drain',
  'goaway',
  'request-cap',
  'max-age',
  'early-response',
  'idle-reaped',
  'used-after-close',
  'transport-closing',
  'stream-reset',
  'h2-keepalive-violation',
  'tls-mismatch',
  'tls-handshake',
  'tls-handshake-timeout',
  'tls-corruption',
  'protocol-error',
  'overflow',
  'proxy-conn-limit',
  'proxy-resource',
  'no-upstream',
  'no-route',
  'body-too-large',
  'client-abort',
  'pool-exhausted',
  'worker-timeout',
  'gateway-error',
  'grpc-unavailable',
  'retries-exhausted',
  'local-reset',
  'queue-timeout',
  'stream-idle-timeout',
  'max-duration',
  'server-conn-limit',
  'client-conn-limit',
  'hop-header',
  'tls-version',
  'proxy-timeout',
  'connection-lost',
  'heartbeat-missed',
  'slow-consumer',
  'init-killed',
  // alert-only classes
  'restarts',
  'cpu-throttling',
  'cpu-high',
  'event-loop-lag',
  'rollout',
  'packet-loss',
  'snat-exhausted',
  'nat-idle-timeout',
  'resets',
  'latency',
  'target-down',
  'memory-pressure',
  'retries',
  // capture-derived classes
  'rst-after-fin',
  'rst-from-middlebox',
  'rst-from-server',
  'rst-from-client',
  'rst-while-sending',
] as const;

export const PHASES = ['connect', 'first-bytes', 'before-response', 'mid-body', 'write'] as const;

export const BUILTIN_FACTS: readonly FactDefinition[] = [
  // merged
  {
    name: 'classes',
    type: 'string[]',
    origin: 'merged',
    description:
      'Mechanism classes from the log, the alert and captures together (see the class list). Always present, empty when none was read, so containsNone holds on a report with no error in it.',
    values: CLASSES,
  },
  // log
  {
    name: 'log.signatures',
    type: 'string[]',
    origin: 'log',
    description: 'Ids of the reset signatures that matched.',
    values: SIGNATURES.map((s) => s.id),
  },
  {
    name: 'log.classes',
    type: 'string[]',
    origin: 'log',
    description: 'Mechanism classes seen in the log.',
    values: CLASSES,
  },
  {
    name: 'log.phases',
    type: 'string[]',
    origin: 'log',
    description:
      'When the failures happened: connect, first-bytes (TLS/parse), before-response, mid-body, write.',
    values: PHASES,
  },
  {
    name: 'log.runtimes',
    type: 'string[]',
    origin: 'log',
    description:
      'Runtimes and components that printed the errors (node, go, java, nginx, envoy, kernel, ...).',
    values: RUNTIMES,
  },
  {
    name: 'log.envoyFlags',
    type: 'string[]',
    origin: 'log',
    description: 'Envoy response flags in access logs (UC, UF, UO, URX, UPE, DC, ...).',
    values: ENVOY_FLAG_LIST,
  },
  {
    name: 'log.envoyResetReasons',
    type: 'string[]',
    origin: 'log',
    description:
      'Envoy reset reasons ("connection termination", "overflow", "remote connection failure", ...).',
  },
  {
    name: 'log.haproxyStates',
    type: 'string[]',
    origin: 'log',
    description: 'HAProxy termination states, first two characters (SD, SH, SC, sC, sH, CD, PC, ...).',
  },
  {
    name: 'log.errnos',
    type: 'number[]',
    origin: 'log',
    description:
      'errno values reported by proxies (104 reset, 111 refused, 32 broken pipe, 110 timeout, 99, 24).',
  },
  {
    name: 'log.exitCodes',
    type: 'number[]',
    origin: 'log',
    description: 'Process exit codes seen (137, 139, 143, ...).',
  },
  {
    name: 'log.signals',
    type: 'number[]',
    origin: 'log',
    description: 'Signals that ended processes (9, 11, 15, ...).',
  },
  { name: 'log.httpStatuses', type: 'number[]', origin: 'log', description: 'HTTP statuses in the log.' },
  {
    name: 'log.methods',
    type: 'string[]',
    origin: 'log',
    description: 'HTTP methods of the requests in the log.',
  },
  {
    name: 'log.maxBodyBytes',
    type: 'number',
    unit: 'bytes',
    origin: 'log',
    description: 'Largest request body size mentioned in the log.',
  },
  {
    name: 'log.peers',
    type: 'string[]',
    origin: 'log',
    description: 'Remote host:port pairs on error lines.',
  },
  { name: 'log.ports', type: 'number[]', origin: 'log', description: 'Remote ports on error lines.' },
  { name: 'log.lines', type: 'number', origin: 'log', description: 'Lines in the log.' },
  {
    name: 'log.errorLines',
    type: 'number',
    origin: 'log',
    description: 'Lines on which a signature matched.',
  },
  {
    name: 'log.services',
    type: 'string[]',
    origin: 'log',
    description: 'Services named by structured (JSON) log lines.',
  },
  {
    name: 'log.resetHops',
    type: 'string[]',
    origin: 'log',
    description: 'Hops that reset, from JSON lines grouped by transaction ("orders -> payments").',
  },
  {
    name: 'log.goawayCodes',
    type: 'string[]',
    origin: 'log',
    description: 'HTTP/2 GOAWAY error codes (NO_ERROR, ENHANCE_YOUR_CALM, ...).',
  },
  {
    name: 'log.truncated',
    type: 'boolean',
    origin: 'log',
    description: 'The log was longer than the limit and was cut.',
  },
  {
    name: 'log.text',
    type: 'string',
    origin: 'log',
    description:
      'The log text for `matches`: its last 256 KiB, preceded by earlier lines on which a signature matched (up to 64 KiB). Not quotable, not kept in the diagnosis.',
    large: true,
  },
  // capture
  { name: 'capture.packets', type: 'number', origin: 'capture', description: 'Packets in the tcpdump text.' },
  { name: 'capture.rsts', type: 'number', origin: 'capture', description: 'RST packets in the capture.' },
  {
    name: 'capture.rstFrom',
    type: 'string',
    origin: 'capture',
    description: 'Who sent the RSTs: server, client or both.',
    values: ['server', 'client', 'both'],
  },
  {
    name: 'capture.finBeforeRst',
    type: 'boolean',
    origin: 'capture',
    description:
      'The server sent FIN, the client then sent a request, and the server answered RST (keep-alive close race).',
  },
  {
    name: 'capture.rstIdleS',
    type: 'number',
    unit: 'seconds',
    origin: 'capture',
    description: 'Median idle time on the connection before its RST.',
  },
  {
    name: 'capture.rstTtlMismatch',
    type: 'boolean',
    origin: 'capture',
    description: "An RST carried a TTL unlike the sender's other packets (injected by a middlebox).",
  },
  {
    name: 'capture.rstToSyn',
    type: 'number',
    origin: 'capture',
    description: 'RSTs answering a SYN (connection refused).',
  },
  {
    name: 'capture.rstWhileSending',
    type: 'boolean',
    origin: 'capture',
    description: 'The server reset while the client was still sending its request (unread data).',
  },
  {
    name: 'capture.synRetransmits',
    type: 'number',
    origin: 'capture',
    description: 'Retransmitted SYNs (connects not answered).',
  },
  // timing
  {
    name: 'timing.idleGapS',
    type: 'number',
    unit: 'seconds',
    origin: 'timing',
    description: 'Median quiet time in the log before each burst of errors.',
  },
  {
    name: 'timing.maxIdleGapS',
    type: 'number',
    unit: 'seconds',
    origin: 'timing',
    description: 'Longest quiet time before a burst of errors.',
  },
  {
    name: 'timing.periodS',
    type: 'number',
    unit: 'seconds',
    origin: 'timing',
    description: 'Period of error bursts when they recur regularly.',
  },
  {
    name: 'timing.bursts',
    type: 'number',
    origin: 'timing',
    description: 'Bursts of errors (errors less than 2 s apart form one burst).',
  },
  {
    name: 'timing.maxErrorsPerSecond',
    type: 'number',
    unit: 'per_second',
    origin: 'timing',
    description: 'Most errors logged within one second.',
  },
  {
    name: 'timing.spanS',
    type: 'number',
    unit: 'seconds',
    origin: 'timing',
    description: 'Time between the first and last timestamped line.',
  },
  // words
  {
    name: 'words.hints',
    type: 'string[]',
    origin: 'words',
    description:
      'Situations described in the words (after-idle, under-load, deploy, upgrade, large-body, always, intermittent, retry-succeeds, no-pooling, ...). Always present, empty when nothing was told, so containsNone holds on a bare log.',
    values: HINT_IDS,
  },
  {
    name: 'words.classes',
    type: 'string[]',
    origin: 'words',
    description:
      'Mechanism classes of the error strings quoted in the words ("the broker logs Too many open files").',
    values: CLASSES,
  },
  {
    name: 'words.components',
    type: 'string[]',
    origin: 'words',
    description:
      'Components named (alb, nlb, nat-gateway, envoy, istio, nginx, ingress-nginx, haproxy, node, gunicorn, go, python-requests, ...).',
    values: COMPONENT_IDS,
  },
  {
    name: 'words.idleS',
    type: 'number',
    unit: 'seconds',
    origin: 'words',
    description:
      'Idle time before the failure as stated ("after ~20 minutes without traffic", "sleeps 6 minutes").',
  },
  {
    name: 'words.timeoutsS',
    type: 'number[]',
    unit: 'seconds',
    origin: 'words',
    description: 'Timeout settings stated ("idle timeout 60s", "keepAliveTimeout 5s").',
  },
  {
    name: 'words.durationsS',
    type: 'number[]',
    unit: 'seconds',
    origin: 'words',
    description: 'Every duration mentioned.',
  },
  {
    name: 'words.maxSizeBytes',
    type: 'number',
    unit: 'bytes',
    origin: 'words',
    description: 'Largest size mentioned ("files larger than 75MB").',
  },
  {
    name: 'words.rps',
    type: 'number',
    unit: 'per_second',
    origin: 'words',
    description: 'Request rate mentioned.',
  },
  {
    name: 'words.percent',
    type: 'number',
    unit: 'percent',
    origin: 'words',
    description: 'Largest percentage mentioned (error share).',
  },
  {
    name: 'words.restarts',
    type: 'number',
    origin: 'words',
    description: 'Restart count mentioned ("restarted 950 times").',
  },
  {
    name: 'words.connections',
    type: 'number',
    origin: 'words',
    description: 'Number of connections, clients or sessions mentioned.',
  },
  { name: 'words.httpStatuses', type: 'number[]', origin: 'words', description: 'HTTP statuses mentioned.' },
  {
    name: 'words.nodeMajor',
    type: 'number',
    origin: 'words',
    description: 'Major Node.js version named ("Node 20").',
  },
  {
    name: 'log.staleIdleS',
    type: 'number',
    unit: 'seconds',
    origin: 'log',
    description:
      'How long a client library says a dead pooled connection had been idle (MySQL "last packet … milliseconds ago").',
  },
  // alert
  { name: 'alert.names', type: 'string[]', origin: 'alert', description: 'Alert names.' },
  {
    name: 'alert.classes',
    type: 'string[]',
    origin: 'alert',
    description: 'Mechanism classes the alerts point at.',
    values: CLASSES,
  },
  {
    name: 'alert.status',
    type: 'string',
    origin: 'alert',
    description: 'firing or resolved.',
    values: ['firing', 'resolved'],
  },
  { name: 'alert.count', type: 'number', origin: 'alert', description: 'Alerts in the group.' },
  { name: 'alert.severity', type: 'string', origin: 'alert', description: 'severity label.' },
  // config
  {
    name: 'config.serverKeepAliveS',
    type: 'number',
    unit: 'seconds',
    origin: 'config',
    description: 'Keep-alive of the server (callee): stated, or the default of the server named.',
  },
  {
    name: 'config.server',
    type: 'string',
    origin: 'config',
    description: 'The server the keep-alive belongs to.',
  },
  {
    name: 'config.callerIdleS',
    type: 'number',
    unit: 'seconds',
    origin: 'config',
    description:
      'How long the caller (LB, proxy, client pool) keeps idle connections: stated or default (1000000 = unlimited).',
  },
  {
    name: 'config.caller',
    type: 'string',
    origin: 'config',
    description: 'The caller the pool idle time belongs to.',
  },
  {
    name: 'config.middleboxIdleS',
    type: 'number',
    unit: 'seconds',
    origin: 'config',
    description:
      'Idle timeout of the L4 middlebox named on the path (NAT gateway 350, NLB 350, Azure LB, NAT or anything else named Azure 240, IPVS 900, Cloud NAT 1200).',
  },
  { name: 'config.middlebox', type: 'string', origin: 'config', description: 'The middlebox named.' },
  {
    name: 'config.idleVsMiddlebox',
    type: 'number',
    unit: 'ratio',
    origin: 'config',
    description:
      'Longest idle time seen (words, log or capture) over the middlebox idle timeout: about 1 or more means the middlebox expired the flow.',
  },
  {
    name: 'config.idleVsServerKeepAlive',
    type: 'number',
    unit: 'ratio',
    origin: 'config',
    description:
      "Longest idle time seen (words, log or capture) over the server's keep-alive timeout: near 1, each reuse lands as the server closes the connection.",
  },
  {
    name: 'config.keepAliveOrderViolated',
    type: 'boolean',
    origin: 'config',
    description: "Server keep-alive is shorter than the caller's pool idle time.",
  },
  {
    name: 'config.middleboxShorterThanPool',
    type: 'boolean',
    origin: 'config',
    description: 'A pooled caller keeps connections longer than the middlebox remembers idle flows.',
  },
  // incident
  {
    name: 'incident.service',
    type: 'string',
    origin: 'incident',
    description: 'The service that saw the error.',
  },
  {
    name: 'incident.peer',
    type: 'string',
    origin: 'incident',
    description: 'The service it was talking to.',
  },
  { name: 'incident.namespace', type: 'string', origin: 'incident', description: 'Kubernetes namespace.' },
  { name: 'incident.pod', type: 'string', origin: 'incident', description: 'Pod.' },
  { name: 'incident.node', type: 'string', origin: 'incident', description: 'Node.' },
  { name: 'incident.port', type: 'number', origin: 'incident', description: 'Port of the peer.' },
  {
    name: 'incident.degraded',
    type: 'boolean',
    origin: 'incident',
    description: 'Metrics could not be fetched.',
  },
];

export const BUILTIN_FACT_NAMES: ReadonlySet<string> = new Set(BUILTIN_FACTS.map((f) => f.name));
