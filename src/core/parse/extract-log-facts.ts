import { extractStatuses } from './extract-numbers.js';
import { findResetHops, type JsonEntry, parseJsonLine, type ResetHop } from './parse-json-lines.js';
import { type CaptureSummary, parseTcpdump } from './parse-tcpdump.js';
import { parseTimestamp } from './parse-timestamp.js';
import type { LogScan, LogScanner, SignatureHit } from './scan-log.js';
import type { Phase, Signature } from './signatures.js';

/** Structure passes (JSON grouping, tcpdump, timing, statuses) read at most this tail of the log. */
export const STRUCTURE_TAIL_CHARS = 2 * 1024 * 1024;

export interface LogFacts {
  readonly signatures: readonly string[];
  readonly classes: readonly string[];
  readonly phases: readonly Phase[];
  readonly runtimes: readonly string[];
  readonly envoyFlags: readonly string[];
  readonly envoyResetReasons: readonly string[];
  readonly haproxyStates: readonly string[];
  readonly errnos: readonly number[];
  readonly exitCodes: readonly number[];
  readonly signals: readonly number[];
  readonly httpStatuses: readonly number[];
  readonly methods: readonly string[];
  readonly maxBodyBytes?: number;
  readonly peers: readonly string[];
  readonly ports: readonly number[];
  readonly hosts: readonly string[];
  readonly lines: number;
  readonly errorLines: number;
  readonly services: readonly string[];
  readonly resetHops: readonly ResetHop[];
  readonly goawayCodes: readonly string[];
  /** Idle time a client library reported for the connection it found dead, seconds. */
  readonly staleIdleS?: number;
  readonly capture?: CaptureSummary;
  readonly timing?: TimingFacts;
  /** First line where each class / signature / value was seen: `class:reset` → 12. */
  readonly firstLine: Readonly<Record<string, number>>;
  /** The text of that first line, keyed like firstLine. */
  readonly quotes: Readonly<Record<string, string>>;
  /** Lines that read as prose (no timestamp, no JSON, no stack frame): the person's words inside the log. */
  readonly prose: string;
}

export interface TimingFacts {
  /** Median quiet time before error bursts, seconds. */
  readonly idleGapS?: number;
  readonly maxIdleGapS?: number;
  /** Period of error bursts when they recur regularly, seconds. */
  readonly periodS?: number;
  readonly bursts: number;
  readonly maxErrorsPerSecond: number;
  readonly spanS: number;
}

const ENVOY_REASON_CLASSES: readonly [RegExp, readonly string[], Phase?][] = [
  [/connection termination|premature upstream half close/, ['upstream-closed'], 'before-response'],
  [/connection timeout/, ['connect-timeout'], 'connect'],
  [/connection failure/, ['connect-failed'], 'connect'],
  [/overflow|overload manager/, ['overflow']],
  [/protocol error/, ['protocol-error'], 'first-bytes'],
  [/remote (?:refused stream )?reset/, ['stream-reset']],
  [/local (?:refused stream )?reset/, ['local-reset']],
];

const ENVOY_FLAG_CLASSES: Readonly<Record<string, { classes: readonly string[]; phase?: Phase }>> = {
  UC: { classes: ['upstream-closed'], phase: 'before-response' },
  UF: { classes: ['connect-failed'], phase: 'connect' },
  UO: { classes: ['overflow'] },
  UPE: { classes: ['protocol-error'], phase: 'first-bytes' },
  DPE: { classes: ['protocol-error'], phase: 'first-bytes' },
  UR: { classes: ['stream-reset'] },
  URX: { classes: ['retries-exhausted'] },
  DC: { classes: ['client-abort'] },
  UT: { classes: ['read-timeout'] },
  UH: { classes: ['no-upstream'] },
  LR: { classes: ['local-reset'] },
  SI: { classes: ['stream-idle-timeout'] },
  DT: { classes: ['max-duration'] },
  UMSDR: { classes: ['max-duration'] },
  OM: { classes: ['overflow'] },
};

const HAPROXY_STATE_CLASSES: readonly [RegExp, readonly string[], Phase?][] = [
  [/^SD/, ['reset', 'mid-body'], 'mid-body'],
  [/^SH/, ['upstream-closed'], 'before-response'],
  [/^SC/, ['refused'], 'connect'],
  [/^sC/, ['connect-timeout'], 'connect'],
  [/^sH/, ['read-timeout']],
  [/^sQ/, ['queue-timeout']],
  [/^[Cc][DH]/, ['client-abort']],
  [/^PC/, ['proxy-conn-limit']],
  [/^R/, ['proxy-resource']],
];

const NGINX_ERRNO_CLASSES: Readonly<Record<number, readonly string[]>> = {
  111: ['refused'],
  110: ['connect-timeout'],
  113: ['no-route'],
  99: ['port-exhausted'],
  24: ['fd-exhausted'],
};

function nginxPhase(action: string | undefined): Phase | undefined {
  if (!action) return undefined;
  if (/response header/.test(action)) return 'before-response';
  if (/reading upstream|reading/.test(action)) return 'mid-body';
  if (/sending request|sending/.test(action)) return 'write';
  if (/connecting/.test(action)) return 'connect';
  return undefined;
}

const EXIT_CODE_CLASSES: Readonly<Record<number, readonly string[]>> = {
  137: ['sigkill'],
  139: ['crash'],
  134: ['crash'],
  143: ['shutdown'],
};

const SIGNAL_CLASSES: Readonly<Record<number, readonly string[]>> = {
  9: ['sigkill'],
  11: ['crash'],
  6: ['crash'],
  15: ['shutdown'],
};

const IPV4_PORT = /\b(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})\b/g;
const GO_PAIR = /\b(?:tcp|tcp4|tcp6) [0-9a-fA-F.:[\]]{3,60}->([0-9a-fA-F.:[\]]{3,60}):(\d{1,5})\b/g;
const URL_HOST = /\b(?:https?|grpc|uwsgi):\/\/([A-Za-z0-9._-]{1,253})(?::(\d{1,5}))?/g;
const METHOD = /"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) |\b(POST|PUT|PATCH)\b/g;
const BODY_BYTES =
  /too large body: (\d{1,15}) bytes|Content-Length: (\d{1,15})|\bbody (?:of|size:?) (\d{1,15}) bytes/gi;
const STACK_FRAME =
  /^\s{1,12}(?:at |File "|\.\.\.|Caused by:|---)|^\s*\w{1,60}(?:\.\w{1,60}){1,12}\(|^\s{2,}\S/;

interface Acc {
  signatures: Set<string>;
  classes: Set<string>;
  phases: Set<Phase>;
  runtimes: Set<string>;
  envoyFlags: Set<string>;
  envoyReasons: Set<string>;
  haproxyStates: Set<string>;
  errnos: Set<number>;
  exitCodes: Set<number>;
  signals: Set<number>;
  goaway: Set<string>;
  /** Idle time a client library reported for a connection it found dead (MySQL "last packet … ago"). */
  staleIdleS?: number;
  firstLine: Record<string, number>;
  quotes: Record<string, string>;
  currentText: string;
}

/** A line as evidence quotes it: cut to a readable length. */
function asQuote(line: string): string {
  return line.length > 240 ? `${line.slice(0, 240)}…` : line;
}

function note(acc: Acc, key: string, line: number): void {
  if (acc.firstLine[key] === undefined) {
    acc.firstLine[key] = line;
    acc.quotes[key] = acc.currentText;
  }
}

/** Envoy response flags ("UO", "UF,URX"): each noted, with the classes and phase it implies. */
function addEnvoyFlags(acc: Acc, flags: string, line: number): void {
  for (const flag of flags.split(',')) {
    acc.envoyFlags.add(flag);
    note(acc, `envoyFlag:${flag}`, line);
    const info = ENVOY_FLAG_CLASSES[flag];
    if (info) {
      addClasses(acc, info.classes, line);
      addPhase(acc, info.phase, line);
    }
  }
}

/** Kafka brokers' default connections.max.idle.ms. */
const KAFKA_IDLE_REAP_MS = 600_000;

/**
 * Client-initiated HTTP/2 streams have odd ids, so LastStreamID n means (n + 1) / 2 requests. Caps are set
 * in round numbers (nginx 1000, ALB 10000, Envoy and Go servers where configured): a multiple of 100 from
 * 100 up, or a power of two from 128.
 */
export function isRoundStreamCount(lastStreamId: number): boolean {
  if (!Number.isInteger(lastStreamId) || lastStreamId % 2 === 0) return false;
  const streams = (lastStreamId + 1) / 2;
  if (streams < 100) return false;
  return streams % 100 === 0 || (streams >= 128 && (streams & (streams - 1)) === 0);
}

function addClasses(acc: Acc, classes: readonly string[], line: number): void {
  for (const c of classes) {
    acc.classes.add(c);
    note(acc, `class:${c}`, line);
  }
}

function addPhase(acc: Acc, phase: Phase | undefined, line: number): void {
  if (!phase) return;
  acc.phases.add(phase);
  note(acc, `phase:${phase}`, line);
}

function interpretHit(acc: Acc, sig: Signature, hit: SignatureHit): void {
  const g = hit.groups;
  switch (sig.id) {
    case 'envoy_upstream_reset_body':
    case 'envoy_details': {
      const reason = (sig.id === 'envoy_details' ? g[1] : g[0])
        ?.replace(/_/g, ' ')
        .replace(/\|.*$/, '')
        .trim();
      if (sig.id === 'envoy_details' && g[0] === 'after') addPhase(acc, 'mid-body', hit.line);
      if (reason) {
        acc.envoyReasons.add(reason);
        note(acc, `envoyReason:${reason}`, hit.line);
        for (const [re, classes, phase] of ENVOY_REASON_CLASSES) {
          if (re.test(reason)) {
            addClasses(acc, classes, hit.line);
            addPhase(acc, phase, hit.line);
          }
        }
      }
      const transport = sig.id === 'envoy_upstream_reset_body' ? g[1] : g[1]?.split('|')[1];
      const errno = transport ? /delayed connect error: (\d{1,5})|\b(\d{2,3})\b/.exec(transport) : null;
      if (errno) {
        const n = Number(errno[1] ?? errno[2]);
        acc.errnos.add(n);
        if (n === 111) addClasses(acc, ['refused'], hit.line);
      }
      return;
    }
    case 'envoy_flag_said':
    case 'envoy_flag_text': {
      const status = Number(g[0]);
      addEnvoyFlags(acc, g[1] ?? '', hit.line);
      if (status >= 502 && status <= 504) addClasses(acc, ['gateway-error'], hit.line);
      return;
    }
    case 'envoy_flag_named': {
      addEnvoyFlags(acc, g[0] ?? '', hit.line);
      return;
    }
    case 'haproxy_httplog_termstate': {
      const state = (g[2] ?? '').slice(0, 2);
      acc.haproxyStates.add(state);
      note(acc, `haproxyState:${state}`, hit.line);
      for (const [re, classes, phase] of HAPROXY_STATE_CLASSES) {
        if (re.test(state)) {
          addClasses(acc, classes, hit.line);
          addPhase(acc, phase, hit.line);
        }
      }
      return;
    }
    case 'nginx_recv_reset': {
      acc.errnos.add(Number(g[0]));
      addPhase(acc, nginxPhase(g[1]), hit.line);
      if (g[0] === '32') addClasses(acc, ['write-failed'], hit.line);
      return;
    }
    case 'nginx_upstream_premature':
      addPhase(acc, nginxPhase(g[0]) ?? 'before-response', hit.line);
      return;
    case 'nginx_connect_fail': {
      const n = Number(g[0]);
      acc.errnos.add(n);
      addClasses(acc, NGINX_ERRNO_CLASSES[n] ?? [], hit.line);
      return;
    }
    case 'nginx_upstream_timeout':
      if (g[0] === 'connecting to') {
        addClasses(acc, ['connect-timeout'], hit.line);
        addPhase(acc, 'connect', hit.line);
      } else addClasses(acc, ['read-timeout'], hit.line);
      return;
    case 'exited_on_signal':
    case 'signal_kill': {
      const n = sig.id === 'signal_kill' ? 9 : Number(g[0] ?? g[1] ?? g[2]);
      acc.signals.add(n);
      addClasses(acc, SIGNAL_CLASSES[n] ?? [], hit.line);
      return;
    }
    case 'exit_code': {
      const n = Number(g[0]);
      if (n > 0 && n < 256) {
        acc.exitCodes.add(n);
        addClasses(acc, EXIT_CODE_CLASSES[n] ?? [], hit.line);
      }
      return;
    }
    case 'go_goaway':
    case 'h2_connection_terminated':
    case 'grpc_goaway': {
      const n = hit.named;
      const [code, lastStreamId] =
        sig.id === 'go_goaway'
          ? [g[1], g[0]]
          : sig.id === 'h2_connection_terminated'
            ? [g[0], g[1]]
            : [n.code ?? n.refused];
      // A connection closed after a round number of client streams (odd ids: LastStreamID 1999 is the
      // 1000th) was closed by a per-connection request cap, not by a server going away.
      const capped = lastStreamId !== undefined && isRoundStreamCount(Number(lastStreamId));
      if (capped) addClasses(acc, ['request-cap'], hit.line);
      // grpc-go's server names the GOAWAY it sends at MaxConnectionAge: the connection reached its age cap
      const aged = sig.id === 'grpc_goaway' && n.maxAge !== undefined;
      if (aged) addClasses(acc, ['max-age'], hit.line);
      if (code) {
        acc.goaway.add(code);
        if (code === 'ENHANCE_YOUR_CALM') addClasses(acc, ['h2-keepalive-violation'], hit.line);
        if (code === 'NO_ERROR' && !capped && !aged) addClasses(acc, ['server-drain'], hit.line);
      }
      return;
    }
    case 'kafka_disconnect': {
      // Kafka brokers close connections idle for connections.max.idle.ms (10 minutes by default): a
      // connection that dies about 600 s after it came up was reaped by the broker, not reset by the path.
      const ms = Number(g[0]);
      if (ms >= KAFKA_IDLE_REAP_MS && ms <= KAFKA_IDLE_REAP_MS * 1.01)
        addClasses(acc, ['idle-reaped'], hit.line);
      return;
    }
    case 'net_http_persistent_resets': {
      const seconds = Number(g[0]);
      if (seconds > 0) acc.staleIdleS = Math.max(acc.staleIdleS ?? 0, seconds);
      return;
    }
    case 'mysql_last_packet': {
      const ms = Number((g[0] ?? '').replace(/,/g, ''));
      if (ms > 0) {
        acc.staleIdleS = Math.max(acc.staleIdleS ?? 0, ms / 1000);
        addClasses(acc, ['stale-connection'], hit.line);
      }
      return;
    }
    default:
      return;
  }
}

/** Quiet time before error bursts, period of bursts, burstiness. */
function analyseTiming(events: readonly { ts: number; error: boolean }[]): TimingFacts | undefined {
  const timed = [...events].sort((a, b) => a.ts - b.ts);
  if (timed.length < 2 || !timed.some((e) => e.error)) return undefined;
  const first = timed[0];
  const last = timed[timed.length - 1];
  if (!first || !last) return undefined;
  const burstStarts: number[] = [];
  const gaps: number[] = [];
  let lastError = Number.NEGATIVE_INFINITY;
  let lastAny: number | undefined;
  const perSecond = new Map<number, number>();
  for (const e of timed) {
    if (e.error) {
      const sec = Math.floor(e.ts / 1000);
      perSecond.set(sec, (perSecond.get(sec) ?? 0) + 1);
      if (e.ts - lastError > 2000) {
        burstStarts.push(e.ts);
        if (lastAny !== undefined) gaps.push((e.ts - lastAny) / 1000);
      }
      lastError = e.ts;
    }
    lastAny = e.ts;
  }
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted.length > 0 ? sorted[Math.floor((sorted.length - 1) / 2)] : undefined;
  let periodS: number | undefined;
  if (burstStarts.length >= 3) {
    const intervals = burstStarts.slice(1).map((t, i) => (t - (burstStarts[i] ?? t)) / 1000);
    const mean = intervals.reduce((a, b) => a + b, 0) / intervals.length;
    const sd = Math.sqrt(intervals.reduce((a, b) => a + (b - mean) ** 2, 0) / intervals.length);
    if (mean > 0 && sd / mean < 0.25) periodS = mean;
  }
  return {
    ...(median === undefined ? {} : { idleGapS: median }),
    ...(sorted.length > 0 ? { maxIdleGapS: sorted[sorted.length - 1] } : {}),
    ...(periodS === undefined ? {} : { periodS }),
    bursts: burstStarts.length,
    maxErrorsPerSecond: Math.max(0, ...perSecond.values()),
    spanS: (last.ts - first.ts) / 1000,
  };
}

const signaturesById = new WeakMap<readonly Signature[], ReadonlyMap<string, Signature>>();

/** The scanner's signatures by id, built once per signature table. */
function byIdOf(signatures: readonly Signature[]): ReadonlyMap<string, Signature> {
  let byId = signaturesById.get(signatures);
  if (!byId) {
    byId = new Map(signatures.map((s) => [s.id, s]));
    signaturesById.set(signatures, byId);
  }
  return byId;
}

/** What the signature hits of a scan say, line by line, and the lines that hold an error. */
function readHits(scanner: LogScanner, scan: LogScan): { acc: Acc; errorLineSet: Set<number> } {
  const byId = byIdOf(scanner.signatures);
  const acc: Acc = {
    signatures: new Set(),
    classes: new Set(),
    phases: new Set(),
    runtimes: new Set(),
    envoyFlags: new Set(),
    envoyReasons: new Set(),
    haproxyStates: new Set(),
    errnos: new Set(),
    exitCodes: new Set(),
    signals: new Set(),
    goaway: new Set(),
    firstLine: {},
    quotes: {},
    currentText: '',
  };
  const errorLineSet = new Set<number>();
  const unhandled: SignatureHit[] = [];
  for (const hit of scan.hits) {
    const sig = byId.get(hit.id);
    if (!sig) continue;
    acc.currentText = asQuote(hit.text);
    acc.signatures.add(sig.id);
    note(acc, `signature:${sig.id}`, hit.line);
    if (sig.id === UNHANDLED_ERROR) unhandled.push(hit);
    else addClasses(acc, sig.classes, hit.line);
    addPhase(acc, sig.phase, hit.line);
    if (sig.runtime) acc.runtimes.add(sig.runtime);
    interpretHit(acc, sig, hit);
    if (sig.classes.length > 0 || sig.id.startsWith('envoy') || sig.id.startsWith('haproxy'))
      errorLineSet.add(hit.line);
  }
  for (const hit of unhandled) {
    if (diedOfTheReset(hit, scan.hits, byId)) continue;
    acc.currentText = asQuote(hit.text);
    addClasses(acc, byId.get(hit.id)?.classes ?? [], hit.line);
  }
  return { acc, errorLineSet };
}

const UNHANDLED_ERROR = 'node_unhandled_error';
/** How many lines after "Unhandled 'error' event" Node.js prints the error itself. */
const UNHANDLED_ERROR_SPAN = 4;
const RESET_CLASSES: ReadonlySet<string> = new Set(['reset', 'write-failed', 'closed-before-response']);

/**
 * A Node.js process that dies of an unhandled ECONNRESET, EPIPE or "socket hang up" is the side that
 * received the reset: its crash follows the reset and does not explain it, so such an unhandled error
 * adds no crash class. Any other unhandled error does.
 */
function diedOfTheReset(
  unhandled: SignatureHit,
  hits: readonly SignatureHit[],
  byId: ReadonlyMap<string, Signature>,
): boolean {
  return hits.some(
    (h) =>
      h.line >= unhandled.line &&
      h.line <= unhandled.line + UNHANDLED_ERROR_SPAN &&
      (byId.get(h.id)?.classes.some((c) => RESET_CLASSES.has(c)) ?? false),
  );
}

/**
 * The signatures, classes and phases of errors quoted in a text (a person's words, an alert's annotations):
 * what extractLogFacts gives for them, without reading the text's structure unless it may hold JSON log
 * lines (the one structure that adds a class).
 */
export function quotedErrors(
  text: string,
  scanner: LogScanner,
): Pick<LogFacts, 'signatures' | 'classes' | 'phases'> {
  if (text.includes('{')) {
    const { signatures, classes, phases } = extractLogFacts(text, scanner);
    return { signatures, classes, phases };
  }
  const { acc } = readHits(scanner, scanner.scan(text));
  return { signatures: [...acc.signatures], classes: [...acc.classes], phases: [...acc.phases] };
}

/**
 * A command the person ran, pasted with its prompt or as a continuation line ("$ docker run \",
 * ">     --publish=127.0.0.1:8000:80"): what they did, read like their words.
 */
function isShellCommand(line: string, previous: string | undefined): boolean {
  return /^\s*[$>] \S/.test(line) || (previous?.trimEnd().endsWith('\\') ?? false);
}

export function extractLogFacts(
  text: string,
  scanner: LogScanner,
  scan: LogScan = scanner.scan(text),
): LogFacts {
  const { acc, errorLineSet } = readHits(scanner, scan);

  // Structure: the tail of the log, line by line.
  const tailStart =
    text.length > STRUCTURE_TAIL_CHARS ? text.indexOf('\n', text.length - STRUCTURE_TAIL_CHARS) + 1 : 0;
  const tail = text.slice(tailStart);
  let lineOffset = 1;
  if (tailStart > 0) {
    for (let nl = text.indexOf('\n'); nl !== -1 && nl < tailStart; nl = text.indexOf('\n', nl + 1))
      lineOffset++;
  }
  const lines = tail.split('\n');
  const json: JsonEntry[] = [];
  const events: { ts: number; error: boolean }[] = [];
  const peers = new Set<string>();
  const ports = new Set<number>();
  const hosts = new Set<string>();
  const methods = new Set<string>();
  const prose: string[] = [];
  let maxBody: number | undefined;
  let tcpdumpLike = 0;
  let referenceYear = 1970;
  const yearMatch = /\b(20\d{2})-\d{2}-\d{2}/.exec(tail.slice(0, 2000));
  if (yearMatch) referenceYear = Number(yearMatch[1]);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.length === 0) continue;
    const lineNo = lineOffset + i;
    const cut = line.length > 8192 ? line.slice(0, 8192) : line;
    if (cut.includes(' Flags [')) tcpdumpLike++;
    const entry = cut.charCodeAt(cut.search(/\S/)) === 123 ? parseJsonLine(cut, lineNo) : undefined;
    if (entry) json.push(entry);
    // An error on a request sent over a reused pooled connection: the signature of a stale connection.
    if (entry?.reused && errorLineSet.has(lineNo)) {
      acc.currentText = asQuote(cut);
      addClasses(acc, ['stale-connection'], lineNo);
    }
    const ts = entry?.ts ?? parseTimestamp(cut, referenceYear);
    if (ts !== undefined) events.push({ ts, error: errorLineSet.has(lineNo) });
    else if (
      !entry &&
      prose.length < 200 &&
      ((!STACK_FRAME.test(cut) && /[a-z]{3,} [a-z]{3,}/i.test(cut)) || isShellCommand(cut, lines[i - 1]))
    ) {
      prose.push(cut);
    }
    // an error line, or the parenthesised URL a client prints on the line after its error
    if (errorLineSet.has(lineNo) || (errorLineSet.has(lineNo - 1) && /^\s*\(/.test(cut))) {
      for (const re of [GO_PAIR, IPV4_PORT, URL_HOST]) {
        re.lastIndex = 0;
        for (let m = re.exec(cut); m !== null; m = re.exec(cut)) {
          const host = m[1] ?? '';
          const port = m[2] ? Number(m[2]) : undefined;
          // In Go's "tcp LOCAL->REMOTE" the left side is our own address.
          if (re === IPV4_PORT && cut.startsWith('->', m.index + m[0].length)) continue;
          hosts.add(host);
          if (port !== undefined && port > 0 && port < 65536) {
            ports.add(port);
            peers.add(`${host}:${port}`);
          }
        }
      }
    }
    METHOD.lastIndex = 0;
    for (let m = METHOD.exec(cut); m !== null; m = METHOD.exec(cut)) methods.add(m[1] ?? m[2] ?? '');
    BODY_BYTES.lastIndex = 0;
    for (let m = BODY_BYTES.exec(cut); m !== null; m = BODY_BYTES.exec(cut)) {
      const n = Number(m[1] ?? m[2] ?? m[3]);
      if (Number.isFinite(n)) maxBody = Math.max(maxBody ?? 0, n);
    }
  }
  const capture = tcpdumpLike > 0 ? parseTcpdump(lines, lineOffset) : undefined;
  const hops = findResetHops(json, errorLineSet);
  const services = [...new Set(json.map((e) => e.service).filter((s): s is string => Boolean(s)))];
  return {
    signatures: [...acc.signatures],
    classes: [...acc.classes],
    phases: [...acc.phases],
    runtimes: [...acc.runtimes],
    envoyFlags: [...acc.envoyFlags],
    envoyResetReasons: [...acc.envoyReasons],
    haproxyStates: [...acc.haproxyStates],
    errnos: [...acc.errnos],
    exitCodes: [...acc.exitCodes],
    signals: [...acc.signals],
    httpStatuses: extractStatuses(tail),
    methods: [...methods].filter(Boolean),
    ...(maxBody === undefined ? {} : { maxBodyBytes: maxBody }),
    peers: [...peers].slice(0, 20),
    ports: [...ports].slice(0, 20),
    hosts: [...hosts].slice(0, 20),
    lines: scan.lineCount,
    errorLines: errorLineSet.size,
    services,
    resetHops: hops,
    goawayCodes: [...acc.goaway],
    ...(acc.staleIdleS === undefined ? {} : { staleIdleS: acc.staleIdleS }),
    ...(capture === undefined ? {} : { capture }),
    ...(() => {
      const timing = analyseTiming(events);
      return timing === undefined ? {} : { timing };
    })(),
    firstLine: acc.firstLine,
    quotes: acc.quotes,
    prose: prose.join('\n'),
  };
}
