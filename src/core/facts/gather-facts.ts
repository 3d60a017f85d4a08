import type { FactMap, FactSources, FactState } from '../model/facts.js';
import type { Incident } from '../model/incident.js';
import { extractLogFacts, type LogFacts, quotedErrors } from '../parse/extract-log-facts.js';
import { parseAlert } from '../parse/parse-alert.js';
import {
  parseWords,
  type TimeoutSettings,
  timeoutSettingsOf,
  type WordsFacts,
} from '../parse/parse-words.js';
import type { LogScan, LogScanner } from '../parse/scan-log.js';
import { LOG_TEXT_HIT_LINES_CHARS, LOG_TEXT_TAIL_CHARS } from './builtin-facts.js';
import { deriveConfig } from './derive-config.js';
import { type MetricIndex, normalizeMetrics } from './normalize-metrics.js';

/** Largest log a diagnosis reads; longer logs keep their last MAX_LOG_CHARS characters (the failure is usually at the end). */
export const MAX_LOG_CHARS = 16 * 1024 * 1024;
/** Largest context text read. */
export const MAX_CONTEXT_CHARS = 64 * 1024;

/** Who and where: the values next-step commands are filled with. */
export interface Subject {
  readonly service?: string;
  readonly peer?: string;
  readonly namespace?: string;
  readonly pod?: string;
  readonly container?: string;
  readonly node?: string;
  readonly host?: string;
  readonly port?: number;
  readonly instance?: string;
}

/** Readings fetched from Prometheus for this incident, with the state of every fact that was asked for. */
export interface FetchedMetrics {
  readonly values: Readonly<Record<string, number>>;
  readonly states: Readonly<Record<string, FactState>>;
  readonly degraded: boolean;
  readonly warnings: readonly string[];
  /** Where the incident's pods turned out to run (found in Prometheus), when the incident did not say. */
  readonly discovered?: { readonly namespace?: string; readonly pod?: string; readonly node?: string };
}

export interface Gathered {
  readonly facts: FactMap;
  readonly sources: FactSources;
  readonly subject: Subject;
  readonly warnings: readonly string[];
  readonly degraded: boolean;
  readonly log?: LogFacts;
  readonly words: WordsFacts;
  /** Failure time (epoch ms) when the incident or alert says it. */
  readonly at?: number;
}

export interface GatherDeps {
  readonly scanner: LogScanner;
  readonly metricIndex: MetricIndex;
}

function put(facts: FactMap, name: string, value: FactMap[string] | undefined): void {
  if (value === undefined) return;
  if (Array.isArray(value) && value.length === 0) return;
  facts[name] = value;
}

function cutLog(log: string, warnings: string[]): { text: string; truncated: boolean } {
  if (log.length <= MAX_LOG_CHARS) return { text: log, truncated: false };
  const start = log.indexOf('\n', log.length - MAX_LOG_CHARS) + 1;
  warnings.push(
    `log truncated: ${(log.length / 1048576).toFixed(1)} MiB given, the last ${(MAX_LOG_CHARS / 1048576).toFixed(0)} MiB were read`,
  );
  return { text: log.slice(start), truncated: true };
}

/**
 * The text `matches` conditions read, bounded: the last LOG_TEXT_TAIL_CHARS of the log (starting at a line),
 * preceded by the earlier lines on which a signature matched (the evidence is often far above the tail).
 */
export function logTextOf(text: string, scan: LogScan): string {
  if (text.length <= LOG_TEXT_TAIL_CHARS) return text;
  const cut = text.indexOf('\n', text.length - LOG_TEXT_TAIL_CHARS);
  const tail = cut === -1 ? '' : text.slice(cut + 1);
  let newlines = 0;
  for (let nl = tail.indexOf('\n'); nl !== -1 && nl < tail.length - 1; nl = tail.indexOf('\n', nl + 1))
    newlines++;
  const firstTailLine = scan.lineCount - newlines;
  const earlier: string[] = [];
  let size = 0;
  let last = 0;
  for (const hit of scan.hits) {
    if (hit.line >= firstTailLine) break;
    if (hit.line === last) continue;
    last = hit.line;
    if (size + hit.text.length + 1 > LOG_TEXT_HIT_LINES_CHARS) break;
    earlier.push(hit.text);
    size += hit.text.length + 1;
  }
  return earlier.length > 0 ? `${earlier.join('\n')}\n${tail}` : tail;
}

function cleanText(s: string | null | undefined, max: number): string {
  if (!s) return '';
  return s.length > max ? s.slice(0, max) : s;
}

/**
 * What an incident's own text gives (log, alert, words, the timeouts they imply), before any reading: the
 * expensive part of gathering, done once when the facts are gathered again with readings fetched later.
 */
export interface OwnFacts {
  readonly facts: FactMap;
  readonly sources: FactSources;
  readonly warnings: readonly string[];
  readonly log?: LogFacts;
  readonly words: WordsFacts;
  readonly alertIdentity: Readonly<Record<string, string>>;
  readonly alertAt?: number;
}

/** The facts of an incident, with the readings fetched for it; `own` when its own facts are known already. */
export function gatherFacts(
  incident: Incident,
  deps: GatherDeps,
  fetched?: FetchedMetrics,
  own?: OwnFacts,
): Gathered {
  // Facts gathered here are new and only ours to change; given ones are copied first.
  const base = own ?? gatherOwnFacts(incident, deps);
  return withReadings(
    incident,
    deps,
    fetched,
    own
      ? { ...base, facts: { ...base.facts }, sources: { ...base.sources }, warnings: [...base.warnings] }
      : base,
  );
}

const LOOPBACK_HOST = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[?::1\]?)$/i;

function isLoopbackPeer(peer: string): boolean {
  return LOOPBACK_HOST.test(peer.slice(0, peer.lastIndexOf(':')));
}

export function gatherOwnFacts(incident: Incident, deps: GatherDeps): OwnFacts {
  const facts: FactMap = {};
  const sources: FactSources = {};
  const warnings: string[] = [];

  // The log
  let log: LogFacts | undefined;
  let logSettings: TimeoutSettings | undefined;
  if (incident.log?.trim()) {
    const { text, truncated } = cutLog(incident.log, warnings);
    const scan = deps.scanner.scan(text);
    log = extractLogFacts(text, deps.scanner, scan);
    logSettings = timeoutSettingsOf(configLinesOf(text));
    facts['log.text'] = logTextOf(text, scan);
    put(facts, 'log.signatures', log.signatures);
    put(facts, 'log.classes', log.classes);
    put(facts, 'log.phases', log.phases);
    put(facts, 'log.runtimes', log.runtimes);
    put(facts, 'log.envoyFlags', log.envoyFlags);
    put(facts, 'log.envoyResetReasons', log.envoyResetReasons);
    put(facts, 'log.haproxyStates', log.haproxyStates);
    put(facts, 'log.errnos', log.errnos);
    put(facts, 'log.exitCodes', log.exitCodes);
    put(facts, 'log.signals', log.signals);
    put(facts, 'log.httpStatuses', log.httpStatuses);
    put(facts, 'log.methods', log.methods);
    put(facts, 'log.maxBodyBytes', log.maxBodyBytes);
    put(facts, 'log.peers', log.peers);
    put(facts, 'log.ports', log.ports);
    put(facts, 'log.lines', log.lines);
    put(facts, 'log.errorLines', log.errorLines);
    put(facts, 'log.services', log.services);
    put(
      facts,
      'log.resetHops',
      log.resetHops.map((h) => `${h.from} -> ${h.to}`),
    );
    put(facts, 'log.goawayCodes', log.goawayCodes);
    put(facts, 'log.staleIdleS', log.staleIdleS);
    if (truncated) facts['log.truncated'] = true;
    for (const [k, line] of Object.entries(log.firstLine)) sources[k] = `log:${line}`;
    if (log.capture) {
      const c = log.capture;
      facts['capture.packets'] = c.packets;
      facts['capture.rsts'] = c.rsts.length;
      if (c.rsts.length > 0) {
        const fromServer = c.rsts.filter((r) => r.from === 'server').length;
        const fromClient = c.rsts.length - fromServer;
        facts['capture.rstFrom'] =
          fromServer > 0 && fromClient > 0 ? 'both' : fromServer > 0 ? 'server' : 'client';
        facts['capture.finBeforeRst'] = c.rsts.some((r) => r.afterServerFin);
        facts['capture.rstTtlMismatch'] = c.rsts.some((r) => r.ttlMismatch);
        facts['capture.rstToSyn'] = c.rsts.filter((r) => r.answeredSyn).length;
        facts['capture.rstWhileSending'] = c.rsts.some((r) => r.whileClientSending);
        const idles = c.rsts
          .filter((r) => !r.answeredSyn)
          .map((r) => r.idleBeforeS)
          .filter((v): v is number => v !== undefined)
          .sort((a, b) => a - b);
        const mid = idles[Math.floor((idles.length - 1) / 2)];
        if (mid !== undefined) facts['capture.rstIdleS'] = Math.round(mid * 1000) / 1000;
        const firstRst = c.rsts[0];
        if (firstRst) {
          for (const k of ['capture.rsts', 'capture.rstFrom', 'capture.rstIdleS'])
            sources[k] = `log:${firstRst.line}`;
        }
        const fin = c.rsts.find((r) => r.afterServerFin);
        if (fin) sources['capture.finBeforeRst'] = `log:${fin.line}`;
      }
      facts['capture.synRetransmits'] = c.synRetransmits;
    }
    if (log.timing) {
      const t = log.timing;
      put(
        facts,
        'timing.idleGapS',
        t.idleGapS === undefined ? undefined : Math.round(t.idleGapS * 1000) / 1000,
      );
      put(facts, 'timing.maxIdleGapS', t.maxIdleGapS);
      put(facts, 'timing.periodS', t.periodS === undefined ? undefined : Math.round(t.periodS * 10) / 10);
      put(facts, 'timing.bursts', t.bursts);
      put(facts, 'timing.maxErrorsPerSecond', t.maxErrorsPerSecond);
      put(facts, 'timing.spanS', t.spanS);
    }
  }

  // The alert
  let alertIdentity: Record<string, string> = {};
  let alertText = '';
  let at: number | undefined;
  if (incident.alert !== undefined && incident.alert !== null) {
    const parsed = parseAlert(incident.alert);
    if (parsed.ok) {
      const a = parsed.facts;
      put(facts, 'alert.names', a.names);
      put(facts, 'alert.classes', a.classes);
      facts['alert.status'] = a.status;
      facts['alert.count'] = a.count;
      put(facts, 'alert.severity', a.severity);
      for (const c of a.classes) sources[`class:${c}`] ??= 'alert';
      alertIdentity = { ...a.identity };
      alertText = a.text;
      // Annotations often quote the error itself ("EADDRNOTAVAIL", "write EPIPE"): scan them like log lines.
      if (a.errorText) {
        const quoted = quotedErrors(a.errorText, deps.scanner);
        const merge = (name: string, values: readonly string[]) => {
          const have = (facts[name] as readonly string[] | undefined) ?? [];
          put(facts, name, [...new Set([...have, ...values])]);
        };
        merge('alert.classes', quoted.classes);
        merge('log.signatures', quoted.signatures);
        merge('log.phases', quoted.phases);
        for (const c of quoted.classes) sources[`class:${c}`] ??= 'alert';
      }
      if (a.startsAt) {
        const t = Date.parse(a.startsAt);
        if (!Number.isNaN(t)) at = t;
      }
    } else {
      warnings.push(parsed.error);
    }
  }

  // The person's words: context, alert annotations, prose inside the log
  const wordsText = [cleanText(incident.context, MAX_CONTEXT_CHARS), alertText, log?.prose ?? '']
    .filter(Boolean)
    .join('\n');
  const parsedWords = parseWords(wordsText);
  // An error on a loopback peer says what 'localhost' says: no middlebox or network path in between.
  const words =
    log?.peers.some(isLoopbackPeer) && !parsedWords.hints.includes('localhost')
      ? { ...parsedWords, hints: [...parsedWords.hints, 'localhost'] }
      : parsedWords;
  // People quote the errors they saw ("the broker logs 'Too many open files'"): scan their words like log lines.
  const context = cleanText(incident.context, MAX_CONTEXT_CHARS);
  if (context) {
    const quoted = quotedErrors(context, deps.scanner);
    put(facts, 'words.classes', quoted.classes);
    for (const c of quoted.classes) sources[`class:${c}`] ??= 'words';
  }
  // Finding no hint or component is a fact too, even when no words were given at all (a bare log): a rule's
  // containsNone ("no deploy told") then holds, where a missing fact would fail every operator.
  facts['words.hints'] = words.hints;
  facts['words.components'] = words.components;
  put(facts, 'words.idleS', words.idleS);
  put(facts, 'words.timeoutsS', words.timeoutsS);
  put(facts, 'words.durationsS', words.durationsS);
  put(facts, 'words.maxSizeBytes', words.maxSizeBytes);
  put(facts, 'words.rps', words.rps);
  put(facts, 'words.percent', words.percent);
  put(facts, 'words.restarts', words.restarts);
  put(facts, 'words.connections', words.connections);
  put(facts, 'words.httpStatuses', words.httpStatuses);
  put(facts, 'words.nodeMajor', words.nodeMajor);
  for (const k of Object.keys(facts)) if (k.startsWith('words.')) sources[k] = 'words';

  // Timeouts along the path
  const config = deriveConfig({
    components: words.components,
    runtimes: log?.runtimes ?? [],
    ...optional('serverTimeoutS', words.serverTimeoutS ?? logSettings?.serverTimeoutS),
    ...optional('callerTimeoutS', words.callerTimeoutS ?? logSettings?.callerTimeoutS),
    ...(words.nodeVersion === undefined ? {} : { nodeVersion: words.nodeVersion }),
    ...(words.nginxVersion === undefined ? {} : { nginxVersion: words.nginxVersion }),
    hints: words.hints,
  });
  for (const [k, v] of Object.entries(config)) {
    if (v !== undefined) {
      facts[`config.${k}`] = v as FactMap[string];
      sources[`config.${k}`] = 'words';
    }
  }
  const idle = [
    facts['words.idleS'],
    facts['timing.idleGapS'],
    facts['capture.rstIdleS'],
    facts['log.staleIdleS'],
  ].filter((v): v is number => typeof v === 'number');
  if (idle.length > 0) {
    const longest = Math.max(...idle);
    const ratio = (timeoutS: number): number => Math.round((longest / timeoutS) * 100) / 100;
    if (config.middleboxIdleS !== undefined) {
      facts['config.idleVsMiddlebox'] = ratio(config.middleboxIdleS);
      sources['config.idleVsMiddlebox'] = 'words';
    }
    if (config.serverKeepAliveS !== undefined && config.serverKeepAliveS > 0) {
      facts['config.idleVsServerKeepAlive'] = ratio(config.serverKeepAliveS);
      sources['config.idleVsServerKeepAlive'] = 'words';
    }
  }

  return {
    facts,
    sources,
    warnings,
    ...(log === undefined ? {} : { log }),
    words,
    alertIdentity,
    ...(at === undefined ? {} : { alertAt: at }),
  };
}

function withReadings(
  incident: Incident,
  deps: GatherDeps,
  fetched: FetchedMetrics | undefined,
  own: OwnFacts,
): Gathered {
  const { log, words, alertIdentity } = own;
  const facts = own.facts as FactMap;
  const sources = own.sources as FactSources;
  const warnings = own.warnings as string[];
  let at = own.alertAt;

  // Readings: supplied with the incident, then fetched (fetched values win, they are fresher)
  const supplied = normalizeMetrics(incident.metrics, deps.metricIndex);
  warnings.push(...supplied.warnings);
  for (const [k, v] of Object.entries(supplied.values)) {
    facts[k] = v;
    facts[`state.${k}`] = 'value';
    sources[k] = `metric:${supplied.suppliedAs[k] ?? k}`;
  }
  let degraded = false;
  if (fetched) {
    for (const [k, state] of Object.entries(fetched.states)) {
      if (facts[`state.${k}`] === 'value') continue;
      facts[`state.${k}`] = state;
    }
    for (const [k, v] of Object.entries(fetched.values)) {
      facts[k] = v;
      facts[`state.${k}`] = 'value';
      sources[k] = `metric:${k}`;
    }
    degraded = fetched.degraded;
    warnings.push(...fetched.warnings);
  }
  if (degraded) facts['incident.degraded'] = true;

  // Everything that names a mechanism, in one tag set
  const classes = new Set<string>([
    ...(log?.classes ?? []),
    ...((facts['alert.classes'] as readonly string[] | undefined) ?? []),
    ...((facts['words.classes'] as readonly string[] | undefined) ?? []),
  ]);
  if (facts['capture.finBeforeRst'] === true) classes.add('rst-after-fin');
  if (facts['capture.rstTtlMismatch'] === true) classes.add('rst-from-middlebox');
  if (facts['capture.rstWhileSending'] === true) classes.add('rst-while-sending');
  if (facts['capture.rstFrom'] === 'server' || facts['capture.rstFrom'] === 'both')
    classes.add('rst-from-server');
  if (facts['capture.rstFrom'] === 'client') classes.add('rst-from-client');
  // Like the words' hints, no class read is a fact: 'classes containsNone [crash]' then holds on a bare report.
  facts.classes = [...classes];

  // Who and where
  const port = incident.port !== undefined && incident.port !== null ? Number(incident.port) : log?.ports[0];
  const firstHop = log?.resetHops[0];
  const instance = alertIdentity.instance;
  const subject: Subject = {
    ...pick('service', incident.service ?? alertIdentity.service ?? firstHop?.from ?? log?.services[0]),
    ...pick('peer', incident.peer ?? alertIdentity.peer ?? firstHop?.to),
    ...pick('namespace', incident.namespace ?? alertIdentity.namespace ?? fetched?.discovered?.namespace),
    ...pick('pod', incident.pod ?? alertIdentity.pod ?? fetched?.discovered?.pod),
    ...pick('container', incident.container ?? alertIdentity.container),
    ...pick('node', incident.node ?? alertIdentity.node ?? fetched?.discovered?.node),
    ...pick('host', incident.host ?? log?.hosts[0] ?? instance?.replace(/:\d+$/, '')),
    ...(port !== undefined && Number.isFinite(port) ? { port } : {}),
    ...pick('instance', instance),
  };
  for (const [k, v] of Object.entries(subject)) {
    if (k === 'host' || k === 'instance' || k === 'container') continue;
    facts[`incident.${k}`] = v as FactMap[string];
  }
  if (incident.at) {
    const t = Date.parse(incident.at);
    if (!Number.isNaN(t)) at = t;
  }
  return {
    facts,
    sources,
    subject,
    warnings,
    degraded,
    ...(log === undefined ? {} : { log }),
    words,
    ...(at === undefined ? {} : { at }),
  };
}

function optional<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}

/** Services often log their own timeouts at start ("keepAliveTimeout 5000 ms"): the lines worth reading for them. */
const CONFIG_LINE = /keep-?alive|idle[ _-]?time-?out|idleTimeout|\bpool\b[^\n]{0,20}\bidle\b/i;

function configLinesOf(text: string): string {
  const tail = text.length > 262_144 ? text.slice(text.length - 262_144) : text;
  const out: string[] = [];
  for (const line of tail.split('\n')) {
    if (!CONFIG_LINE.test(line)) continue;
    out.push(line.length > 300 ? line.slice(0, 300) : line);
    if (out.length >= 200) break;
  }
  return out.join('\n');
}

function pick<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}
