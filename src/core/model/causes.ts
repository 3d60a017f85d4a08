/**
 * The fixed vocabulary of causes (DESIGN §1). Other tooling relies on these ids: never rename one.
 */
export const CAUSES = [
  'overload',
  'fd-exhaustion',
  'port-exhaustion',
  'conntrack-exhaustion',
  'memory-oom',
  'idle-timeout-middlebox',
  'keepalive-mismatch',
  'crash',
  'ungraceful-shutdown',
  'client-misuse',
  'network-instability',
  'unread-data-close',
  'protocol-mismatch',
  'proxy-limits',
  'software-bug',
] as const;

export type Cause = (typeof CAUSES)[number];

export function isCause(value: unknown): value is Cause {
  return typeof value === 'string' && (CAUSES as readonly string[]).includes(value);
}

export interface CauseInfo {
  /** Short human title used when no rule supplies a better one. */
  readonly title: string;
  /**
   * Prior log-odds: how often this is the answer for an intermittent reset in practice.
   * Keep-alive races and rollouts dominate in-cluster HTTP resets; idle middleboxes dominate long-lived egress.
   */
  readonly prior: number;
  /** Reference ids in domain.md §6.1. */
  readonly refs: readonly string[];
}

export const CAUSE_INFO: Readonly<Record<Cause, CauseInfo>> = {
  overload: { title: 'Overload: the peer cannot accept or answer in time', prior: -0.3, refs: ['H-OVL'] },
  'fd-exhaustion': { title: 'Out of file descriptors (EMFILE)', prior: -0.7, refs: ['H-FD'] },
  'port-exhaustion': { title: 'Ephemeral or SNAT port exhaustion', prior: -0.7, refs: ['H-PORT', 'H-SNAT'] },
  'conntrack-exhaustion': { title: 'conntrack table full', prior: -0.9, refs: ['H-CT'] },
  'memory-oom': { title: 'Out of memory: a process was OOM-killed', prior: -0.5, refs: ['H-MEM'] },
  'idle-timeout-middlebox': {
    title: 'A load balancer, NAT or firewall dropped an idle connection',
    prior: 0,
    refs: ['H-IDLE'],
  },
  'keepalive-mismatch': {
    title: "Server keep-alive shorter than the caller's pool idle time",
    prior: 0.3,
    refs: ['H-KA'],
  },
  crash: { title: 'The peer process crashed mid-request', prior: -0.3, refs: ['H-CRASH'] },
  'ungraceful-shutdown': {
    title: 'Pods stopped without draining (deploy, scale-in, termination)',
    prior: 0,
    refs: ['H-DEPLOY'],
  },
  'client-misuse': {
    title: 'Client misuse: no pooling, no timeouts, retry storms or shared connections',
    prior: -0.5,
    refs: ['H-CLIENT'],
  },
  'network-instability': {
    title: 'Network instability: loss, retransmits, MTU or conntrack INVALID',
    prior: -0.4,
    refs: ['H-NET'],
  },
  'unread-data-close': {
    title: 'Server closed with unread request data (body limit or early response)',
    prior: -0.5,
    refs: ['H-BODY'],
  },
  'protocol-mismatch': {
    title: 'Protocol mismatch: TLS vs plaintext or HTTP/2 vs HTTP/1.1',
    prior: -0.6,
    refs: ['H-PROTO'],
  },
  'proxy-limits': {
    title: 'Proxy or mesh limits: circuit breaker, max connections, GOAWAY',
    prior: -0.5,
    refs: ['H-CB', 'H-H2'],
  },
  'software-bug': { title: 'A known bug in a runtime or library', prior: -1.2, refs: [] },
};
