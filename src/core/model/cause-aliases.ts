import { CAUSES, type Cause } from './causes.js';

/**
 * What people call the causes ("keepalive", "oom", "snat", "circuit breaker"), so "why not keepalive" and
 * `--explain oom` find the cause without the exact id.
 */
export const CAUSE_ALIASES: Readonly<Record<Cause, readonly string[]>> = {
  overload: ['load', 'overloaded', 'cpu', 'saturation', 'backlog', 'syn-drops', 'event-loop', 'thread-pool'],
  'fd-exhaustion': ['fd', 'fds', 'emfile', 'file-descriptors', 'too-many-open-files', 'ulimit', 'nofile'],
  'port-exhaustion': [
    'ports',
    'ephemeral-ports',
    'snat',
    'time-wait',
    'timewait',
    'eaddrnotavail',
    'source-ports',
  ],
  'conntrack-exhaustion': ['conntrack', 'nf-conntrack', 'conntrack-full'],
  'memory-oom': ['oom', 'memory', 'oomkilled', 'out-of-memory', 'oom-kill', 'exit-137'],
  'idle-timeout-middlebox': [
    'idle',
    'idle-timeout',
    'nat',
    'nat-gateway',
    'middlebox',
    'firewall',
    'lb-idle',
    'load-balancer',
  ],
  'keepalive-mismatch': ['keepalive', 'keep-alive', 'ka', 'keepalive-timeout', 'stale-connection', 'pool'],
  crash: ['panic', 'segfault', 'crashed', 'exception', 'crashloop', 'deadlock'],
  'ungraceful-shutdown': [
    'deploy',
    'deployment',
    'rollout',
    'shutdown',
    'drain',
    'draining',
    'termination',
    'scale-in',
    'sigterm',
  ],
  'client-misuse': ['client', 'retry-storm', 'retries', 'no-pooling', 'pooling', 'misuse'],
  'network-instability': ['network', 'packet-loss', 'loss', 'retransmits', 'mtu', 'flaky-network'],
  'unread-data-close': [
    'unread',
    'body',
    'body-limit',
    '413',
    'payload-too-large',
    'early-response',
    'unread-body',
  ],
  'protocol-mismatch': ['protocol', 'tls', 'ssl', 'http2', 'h2', 'plaintext', 'wrong-port'],
  'proxy-limits': [
    'proxy',
    'circuit-breaker',
    'breaker',
    'envoy',
    'goaway',
    'max-connections',
    'overflow',
    'mesh',
  ],
  'software-bug': ['bug', 'known-bug', 'regression', 'upgrade'],
};

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const BY_ALIAS: ReadonlyMap<string, Cause> = new Map(
  CAUSES.flatMap((c) => [[c, c] as const, ...CAUSE_ALIASES[c].map((a) => [normalize(a), c] as const)]),
);

/** A cause id, an alias, or an unambiguous prefix of a cause id; undefined when nothing fits. */
export function resolveCause(text: string): Cause | undefined {
  const n = normalize(text)
    .replace(/^(?:the|a|an|it)-/, '')
    .replace(/-(?:issue|problem|cause)$/, '');
  if (n === '') return undefined;
  const exact = BY_ALIAS.get(n);
  if (exact) return exact;
  const prefixed = CAUSES.filter((c) => c.startsWith(n));
  if (prefixed.length === 1) return prefixed[0];
  const aliasPrefixed = [
    ...new Set([...BY_ALIAS].filter(([a]) => a.startsWith(n) && n.length >= 3).map(([, c]) => c)),
  ];
  return aliasPrefixed.length === 1 ? aliasPrefixed[0] : undefined;
}

export type WhyNotQuestion =
  | { readonly kind: 'why-not'; readonly cause: Cause }
  | { readonly kind: 'why-not'; readonly unknown: string };

const STOP_WORDS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'it',
  'this',
  'that',
  'is',
  'of',
  'killer',
  'issue',
]);

const WHY_NOT =
  /^\s*(?:<@[A-Z0-9]{1,20}>\s*)?why\s+(?:not|isn'?t\s+it|is\s+it\s+not|no)\s+(.{1,80}?)\s*\??\s*$/i;

/**
 * "why not keepalive", "<@U123> why not the OOM killer?", "why isn't it conntrack": the cause asked about,
 * or what was asked when no cause fits; undefined when the text is not such a question.
 */
export function parseWhyNot(text: string): WhyNotQuestion | undefined {
  const m = WHY_NOT.exec(text);
  const asked = m?.[1];
  if (asked === undefined) return undefined;
  const words = asked.split(/\s+/).filter((w) => !STOP_WORDS.has(w.toLowerCase()));
  const pairs = words.slice(1).map((w, i) => `${words[i]} ${w}`);
  let cause: Cause | undefined;
  for (const candidate of [asked, ...pairs, ...words]) {
    cause = resolveCause(candidate);
    if (cause) break;
  }
  return cause ? { kind: 'why-not', cause } : { kind: 'why-not', unknown: asked };
}
