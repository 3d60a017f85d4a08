import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from 'pino';
import { createDiagnosisCore, type DiagnosisCore } from '../../core/diagnose.js';
import { buildFactCatalogue } from '../../core/facts/fact-catalogue.js';
import type { MetricCatalogue } from '../../core/facts/metric-catalogue.js';
import type { RuleProblem } from '../../core/rules/compile-rules.js';
import type { CheckRegex } from '../../core/rules/lint-rules.js';
import type { ShellQuote } from '../../core/rules/template.js';
import { ResetDoctorError } from '../../errors.js';
import { createRegexSafetyCheck } from '../regex/check-regex-safety.js';
import { loadRules, type RulesSnapshot } from './load-rules.js';

/**
 * The rule set the bot serves, reloaded when RULES_DIR changes or on SIGHUP. A new set is read, compiled and
 * linted before it replaces the old one in a single assignment: a job that already called `current()` finishes
 * with the set it started with, the next one gets the new set. A set with errors is refused, each problem is
 * logged with its file and JSONPath, and the old set keeps serving.
 */

export type RulesLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface RulesChange {
  readonly version: string;
  readonly previousVersion: string;
  readonly files: number;
  readonly warnings: readonly RuleProblem[];
  readonly reason: string;
}

export interface RulesRejection {
  readonly problems: readonly RuleProblem[];
  /** The version that keeps serving. */
  readonly keptVersion: string;
  readonly reason: string;
}

export type ReloadResult =
  | { readonly ok: true; readonly changed: boolean; readonly version: string }
  | { readonly ok: false; readonly problems: readonly RuleProblem[]; readonly keptVersion: string };

export interface RulesProvider {
  /** The diagnosis core to use for the next job (call it per job, keep the result for the whole job). */
  current(): DiagnosisCore;
  /** The files the current set was built from (the playground edits copies of them). */
  snapshot(): RulesSnapshot;
  /** Reads the directory again; resolves once the new set serves or has been refused. */
  reload(reason?: string): Promise<ReloadResult>;
  /** Called after a new set replaced the old one; returns a function that unsubscribes. */
  onChange(listener: (change: RulesChange) => void): () => void;
  /** Called when a set was refused. */
  onReject(listener: (rejection: RulesRejection) => void): () => void;
  /** Stops watching and listening for the signal. */
  close(): Promise<void>;
}

export interface RulesProviderOptions {
  readonly rulesDir: string;
  readonly catalogue: MetricCatalogue;
  readonly quote: ShellQuote;
  readonly logger: RulesLogger;
  /** Watch the directory for changes (default true). */
  readonly watch?: boolean;
  /** Reload on this signal (default SIGHUP); false: no signal. */
  readonly signal?: NodeJS.Signals | false;
  /** Quiet time after the last change before reloading: editors write a file in several steps (default 150 ms). */
  readonly debounceMs?: number;
  readonly checkRegex?: CheckRegex;
}

/** Files whose change can alter the set: rule files, overrides.json, and Kubernetes ConfigMap symlink swaps. */
function relevant(name: string | null): boolean {
  return name === null || name.endsWith('.json') || name === '..data';
}

const MAX_LOGGED_PROBLEMS = 50;

export async function createRulesProvider(options: RulesProviderOptions): Promise<RulesProvider> {
  const lint = {
    facts: buildFactCatalogue(options.catalogue),
    checkRegex: options.checkRegex ?? createRegexSafetyCheck(),
  };
  const log = options.logger;
  const build = (snapshot: RulesSnapshot): DiagnosisCore =>
    createDiagnosisCore({
      ruleSet: snapshot.ruleSet,
      catalogue: options.catalogue,
      quote: options.quote,
      ...(snapshot.overrides ? { overrides: snapshot.overrides } : {}),
    });

  const first = await loadRules(options.rulesDir, { lint });
  if (!first.ok) {
    throw new ResetDoctorError(
      'RULES_INVALID',
      `invalid rules in ${options.rulesDir}:\n${first.problems.map((p) => `${p.file} ${p.path}: ${p.message}`).join('\n')}`,
    );
  }
  let snapshot = first.snapshot;
  let core = build(snapshot);
  log.info(
    {
      rulesDir: options.rulesDir,
      rulesVersion: core.version,
      files: snapshot.sources.length,
      warnings: snapshot.warnings.length,
    },
    'rules loaded',
  );

  const changeListeners = new Set<(c: RulesChange) => void>();
  const rejectListeners = new Set<(r: RulesRejection) => void>();
  let closed = false;

  const reloadOnce = async (reason: string): Promise<ReloadResult> => {
    const result = await loadRules(options.rulesDir, { lint });
    if (!result.ok) {
      const keptVersion = core.version;
      for (const p of result.problems.slice(0, MAX_LOGGED_PROBLEMS)) {
        log.error(
          { file: p.file, path: p.path, problem: p.message, rulesVersion: keptVersion, reason },
          `rules reload refused: ${p.file} ${p.path}: ${p.message}`,
        );
      }
      log.warn(
        { problems: result.problems.length, rulesVersion: keptVersion, reason },
        `rules reload refused (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}); still serving ${keptVersion}`,
      );
      for (const l of rejectListeners) l({ problems: result.problems, keptVersion, reason });
      return { ok: false, problems: result.problems, keptVersion };
    }
    const next = build(result.snapshot);
    if (next.version === core.version) {
      log.debug({ rulesVersion: core.version, reason }, 'rules unchanged');
      return { ok: true, changed: false, version: core.version };
    }
    const previousVersion = core.version;
    // The swap: one assignment each; current() never sees a half-built set.
    snapshot = result.snapshot;
    core = next;
    for (const w of snapshot.warnings) {
      log.warn(
        { file: w.file, path: w.path, problem: w.message, rulesVersion: core.version },
        `rules warning: ${w.file} ${w.path}: ${w.message}`,
      );
    }
    log.info(
      { rulesVersion: core.version, previousVersion, files: snapshot.sources.length, reason },
      `rules reloaded: ${previousVersion} -> ${core.version}`,
    );
    const change: RulesChange = {
      version: core.version,
      previousVersion,
      files: snapshot.sources.length,
      warnings: snapshot.warnings,
      reason,
    };
    for (const l of changeListeners) l(change);
    return { ok: true, changed: true, version: core.version };
  };

  // Reloads run one at a time; requests that arrive meanwhile fold into one more run after it.
  let running: Promise<ReloadResult> | undefined;
  let queued: Promise<ReloadResult> | undefined;
  const reload = (reason = 'requested'): Promise<ReloadResult> => {
    if (!running) {
      running = reloadOnce(reason).finally(() => {
        running = undefined;
      });
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return reload(reason);
      });
    return queued;
  };
  const safeReload = (reason: string) => {
    reload(reason).catch((e: unknown) => {
      log.error({ err: e, reason }, 'rules reload failed');
    });
  };

  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const startWatching = () => {
    if (options.watch === false || closed) return;
    try {
      watcher = watch(options.rulesDir, { persistent: false }, (_event, name) => {
        if (!relevant(name === null ? null : String(name))) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = undefined;
          safeReload(`changed: ${name ?? options.rulesDir}`);
        }, options.debounceMs ?? 150);
        timer.unref();
      });
      watcher.on('error', (e) => {
        log.error(
          { err: e, rulesDir: options.rulesDir },
          'watching the rules directory failed; reload with SIGHUP',
        );
        watcher?.close();
        watcher = undefined;
      });
    } catch (e) {
      log.error(
        { err: e, rulesDir: options.rulesDir },
        'cannot watch the rules directory; reload with SIGHUP',
      );
    }
  };
  startWatching();

  const onSignal = () => {
    // A directory that was replaced (not edited) lost its watcher: watch the new one.
    if (!watcher) startWatching();
    safeReload(`signal ${options.signal || 'SIGHUP'}`);
  };
  const signal = options.signal ?? 'SIGHUP';
  if (signal) process.on(signal, onSignal);

  return {
    current: () => core,
    snapshot: () => snapshot,
    reload,
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onReject(listener) {
      rejectListeners.add(listener);
      return () => rejectListeners.delete(listener);
    },
    async close() {
      closed = true;
      if (signal) process.off(signal, onSignal);
      if (timer) clearTimeout(timer);
      watcher?.close();
      watcher = undefined;
      await running?.catch(() => undefined);
    },
  };
}
