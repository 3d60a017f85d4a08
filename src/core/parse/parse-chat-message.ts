import { CAUSES, type Cause } from '../model/causes.js';

/**
 * A chat message (Slack mrkdwn as the Events API delivers it) turned into the parts of an incident: code
 * blocks and pasted log lines become the log, the rest of the words the context; `service=` / `peer=`
 * words fill the subject; links to Alertmanager alerts become an alert, links to Prometheus graphs add their
 * expression to the context. Pure: the caller adds attached files and validates the incident.
 */

export interface ChatIncidentParts {
  readonly log?: string;
  readonly context?: string;
  readonly service?: string;
  readonly peer?: string;
  readonly namespace?: string;
  readonly pod?: string;
  readonly container?: string;
  readonly node?: string;
  readonly host?: string;
  readonly port?: string;
  readonly alert?: { readonly status: 'firing'; readonly labels: Readonly<Record<string, string>> };
}

export type ChatCommand =
  | { readonly kind: 'diagnose'; readonly parts: ChatIncidentParts; readonly notes: readonly string[] }
  | { readonly kind: 'why-not'; readonly cause?: Cause; readonly asked: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'empty' };

type SubjectField = 'service' | 'peer' | 'namespace' | 'pod' | 'container' | 'node' | 'host' | 'port';

const SUBJECT_KEYS: Readonly<Record<string, SubjectField>> = {
  service: 'service',
  svc: 'service',
  peer: 'peer',
  upstream: 'peer',
  namespace: 'namespace',
  ns: 'namespace',
  pod: 'pod',
  container: 'container',
  node: 'node',
  host: 'host',
  port: 'port',
};

const CODE_BLOCK = /```([\s\S]*?)```/g;
const MENTION = /<[@!][^<>]*>/g;
const CHANNEL_REF = /<#[A-Z0-9]+(?:\|([^<>]*))?>/g;
const LINK = /<((?:https?|mailto):[^|<>]+)(?:\|([^<>]*))?>/g;
const SUBJECT_WORD = /(^|\s)`?([A-Za-z]+)=("[^"]+"|'[^']+'|[^\s,;]+)`?(?=$|[\s,;])/g;

/** Slack escapes exactly these three in message text. */
export function unescapeSlack(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export const LOG_LINE: readonly RegExp[] = [
  // timestamps: ISO 8601, syslog, time of day, epoch seconds, bracketed
  /^\s*\[?\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}/,
  /^\s*\[?\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}/,
  /^\s*[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}/,
  /^\s*\[?\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\]?\s/,
  /^\s*\d{10}(?:\.\d+)?\s/,
  /^\s*\[\s*\d+\.\d+\]/,
  // levels, stack traces, JSON lines, logfmt
  /^\s*\[?(?:ERROR|ERR|WARN|WARNING|INFO|DEBUG|FATAL|CRITICAL|CRIT|SEVERE|PANIC|TRACE)\b/,
  /^\s*[EWIF]\d{4}\s/,
  /^\s+at\s+\S/,
  /^\s*at\s+[\w$.<>]+\s*\(/,
  /^\s*File "[^"]+", line \d+/,
  /^\s*(?:goroutine \d+|panic:|Caused by:|Traceback \(most recent call last\))/,
  /^\s*[\w.]*(?:Error|Exception)(?::|\s+at\b|$)/,
  /^\s*\{.*\}\s*$/,
  /^\s*[^\s="]+=(?:"[^"]*"|[^\s"]\S*|)(?:\s+[^\s="]+=(?:"[^"]*"|[^\s"]\S*|)){2,}\s*$/,
  /^\s*\d+\.\d+\.\d+\.\d+(?::\d+)?\s+-\s/,
];

/**
 * An error quoted inside a sentence ("EADDRNOTAVAIL when calling payments"): the line is both log (so
 * signatures match) and words (so "after idle" still counts).
 */
const ERROR_TOKEN =
  /\bE(?:CONNRESET|PIPE|TIMEDOUT|CONNREFUSED|CONNABORTED|ADDRNOTAVAIL|ADDRINUSE|MFILE|NFILE|HOSTUNREACH|NETUNREACH|PROTO)\b|connection reset by peer|socket hang up|broken pipe|upstream (?:prematurely closed|connect error|reset)|too many open files|cannot assign requested address|unexpected eof|goaway|oomkilled|exit code 137/i;

/** Every pattern that runs on message text, for the linear-time check. */
export const CHAT_PATTERNS: readonly RegExp[] = [
  ...LOG_LINE,
  ERROR_TOKEN,
  CODE_BLOCK,
  MENTION,
  CHANNEL_REF,
  LINK,
  SUBJECT_WORD,
];

export function isLogLine(line: string): boolean {
  return LOG_LINE.some((re) => re.test(line));
}

const CAUSE_WORDS: readonly (readonly [RegExp, Cause])[] = [
  [/keep-?alive/, 'keepalive-mismatch'],
  [/\b(idle|middlebox|nat|firewall|load balancer|lb|alb|elb)\b/, 'idle-timeout-middlebox'],
  [/\b(oom|memory|oomkilled)\b/, 'memory-oom'],
  [/\b(fd|fds|emfile|file descriptors?|too many open files)\b/, 'fd-exhaustion'],
  [/\b(ports?|ephemeral|snat|eaddrnotavail|time_wait)\b/, 'port-exhaustion'],
  [/\bconntrack\b/, 'conntrack-exhaustion'],
  [/\b(crash|crashed|panic|segfault|exception)\b/, 'crash'],
  [
    /\b(deploy|deployment|rollout|rolling|shutdown|drain|draining|termination|scale-in)\b/,
    'ungraceful-shutdown',
  ],
  [/\b(client|pool|pooling|retry|retries|misuse)\b/, 'client-misuse'],
  [/\b(network|packet loss|loss|mtu|retransmits?)\b/, 'network-instability'],
  [/\b(body|413|unread|payload)\b/, 'unread-data-close'],
  [/\b(tls|ssl|protocol|http2|h2|http\/2)\b/, 'protocol-mismatch'],
  [/\b(proxy|envoy|istio|circuit breaker|goaway|max connections)\b/, 'proxy-limits'],
  [/\b(bug|upgrade|regression)\b/, 'software-bug'],
  [/\b(overload|cpu|load|backlog|saturation|syn)\b/, 'overload'],
];

/** A cause named loosely ("keepalive", "oom", "the NAT", "conntrack-exhaustion"). */
export function parseCauseName(text: string): Cause | undefined {
  const t = text
    .toLowerCase()
    .replace(/[`*_?!.,;:"'()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (t === '') return undefined;
  const exact = CAUSES.find((c) => t === c || t.split(' ').includes(c));
  if (exact) return exact;
  const squashed = t.replace(/[\s-]/g, '');
  const prefix = CAUSES.find((c) => c.replace(/-/g, '').startsWith(squashed) && squashed.length >= 4);
  if (prefix) return prefix;
  return CAUSE_WORDS.find(([re]) => re.test(t))?.[1];
}

/** Label matchers from an Alertmanager filter: `{alertname="X",service="checkout"}`; regex matchers are skipped. */
export function parseAlertFilter(filter: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const body = filter.trim().replace(/^\{/, '').replace(/\}$/, '');
  // A small scanner instead of one big pattern: commas inside quoted values do not split matchers.
  const matchers: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch === '\\' && quoted) {
      current += ch + (body[i + 1] ?? '');
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (ch === ',' && !quoted) {
      matchers.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  matchers.push(current);
  for (const matcher of matchers) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!=|!~|=)/.exec(matcher);
    if (!m?.[1] || m[2] !== '=') continue;
    let value = matcher.slice(m[0].length).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    value = value.replace(/\\(.)/g, '$1').trim();
    if (value !== '') labels[m[1]] = value.slice(0, 256);
  }
  return labels;
}

interface LinkMeaning {
  readonly text: string;
  readonly alertLabels?: Record<string, string>;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function paramsOf(url: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of url.split(/[?#&]/)) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(safeDecode(part.slice(0, eq)), safeDecode(part.slice(eq + 1)));
  }
  return out;
}

/** What a link tells: an Alertmanager alert (labels), a Prometheus graph (expression), or just its label. */
export function readLink(url: string, label: string | undefined): LinkMeaning {
  const params = paramsOf(url);
  const filter = params.get('filter');
  if (filter && /alerts|silences/.test(url)) {
    const labels = parseAlertFilter(filter);
    if (Object.keys(labels).length > 0)
      return { text: label ?? `alert ${labels.alertname ?? ''}`.trim(), alertLabels: labels };
  }
  const expr = [...params.entries()].find(([k]) => /^g\d+\.expr$/.test(k))?.[1];
  if (expr) return { text: `Prometheus expression: ${expr}` };
  return { text: label && label !== url ? `${label} (${url})` : url };
}

/** `service=checkout peer=payments`: the person's own words about the subject, not a logfmt line. */
function isSubjectLine(line: string): boolean {
  const words = line.trim().split(/\s+/);
  return words.every((w) => {
    const m = /^`?([A-Za-z]+)=/.exec(w);
    return m?.[1] !== undefined && SUBJECT_KEYS[m[1].toLowerCase()] !== undefined;
  });
}

function cleanValue(v: string): string {
  return v.replace(/^["'`]+|["'`.,;:)]+$/g, '');
}

/** Parses one chat message: a request to diagnose, a "why not <cause>" question, or a call for help. */
export function parseChatMessage(raw: string): ChatCommand {
  let text = raw;
  const logs: string[] = [];
  const notes: string[] = [];
  let alertLabels: Record<string, string> | undefined;

  // Code blocks first: their content is log, whatever it looks like.
  text = text.replace(CODE_BLOCK, (_, body: string) => {
    const log = unescapeSlack(body).replace(/^\n+|\n+$/g, '');
    if (log.trim() !== '') logs.push(log);
    return '\n';
  });
  // Mentions and broadcasts carry no meaning for the diagnosis.
  text = text.replace(MENTION, ' ');
  text = text.replace(CHANNEL_REF, (_, name: string | undefined) => (name ? `#${name}` : ' '));
  text = text.replace(LINK, (_, url: string, label: string | undefined) => {
    const meaning = readLink(unescapeSlack(url), label === undefined ? undefined : unescapeSlack(label));
    if (meaning.alertLabels) alertLabels = { ...alertLabels, ...meaning.alertLabels };
    return meaning.text;
  });
  text = unescapeSlack(text);

  const prose = text.trim();
  const whyNot = /^why\s+not\b\s*(.*)$/is.exec(prose);
  if (whyNot && logs.length === 0) {
    const asked = (whyNot[1] ?? '').trim();
    const cause = parseCauseName(asked);
    return cause ? { kind: 'why-not', cause, asked } : { kind: 'why-not', asked };
  }
  if (/^(help|\?)$/i.test(prose) && logs.length === 0) return { kind: 'help' };

  const subject: Partial<Record<SubjectField, string>> = {};
  const contextLines: string[] = [];
  const pasted: string[] = [];
  for (const line of text.split('\n')) {
    if (isLogLine(line) && !isSubjectLine(line)) {
      pasted.push(line);
      continue;
    }
    if (ERROR_TOKEN.test(line)) pasted.push(line.trim());
    const rest = line.replace(SUBJECT_WORD, (whole, lead: string, key: string, value: string) => {
      const field = SUBJECT_KEYS[key.toLowerCase()];
      if (!field) return whole;
      const v = cleanValue(value);
      if (v !== '' && subject[field] === undefined) subject[field] = v.slice(0, 253);
      return lead;
    });
    contextLines.push(rest.replace(/`([^`]*)`/g, '$1'));
  }
  if (pasted.length > 0) logs.push(pasted.join('\n'));
  const context = contextLines
    .join('\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

  const port = subject.port;
  if (port !== undefined && !/^\d{1,5}$/.test(port)) {
    notes.push(`port=${port} is not a port number; ignored`);
    delete subject.port;
  }
  const parts: ChatIncidentParts = {
    ...(logs.length > 0 ? { log: logs.join('\n') } : {}),
    ...(context !== '' ? { context } : {}),
    ...subject,
    ...(alertLabels ? { alert: { status: 'firing' as const, labels: alertLabels } } : {}),
  };
  if (Object.keys(parts).length === 0) return { kind: 'empty' };
  return { kind: 'diagnose', parts, notes };
}
