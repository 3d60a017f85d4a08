import { buildWhyNot, type WhyNot } from './explain/build-why-not.js';
import { BUILTIN_FACTS } from './facts/builtin-facts.js';
import {
  type FetchedMetrics,
  type Gathered,
  gatherFacts,
  gatherOwnFacts,
  type OwnFacts,
} from './facts/gather-facts.js';
import type { MetricCatalogue } from './facts/metric-catalogue.js';
import { indexCatalogue } from './facts/normalize-metrics.js';
import { canonicalJson, sha256Hex } from './model/canonical-json.js';
import { CAUSES, type Cause } from './model/causes.js';
import type { Diagnosis } from './model/diagnosis.js';
import type { FactMap } from './model/facts.js';
import type { Incident } from './model/incident.js';
import { createLogScanner, type LogScanner } from './parse/scan-log.js';
import { DEFAULT_RANK_OPTIONS, type RankOptions, rankHypotheses } from './rank/rank-hypotheses.js';
import type { CompiledOverrides } from './rules/compile-overrides.js';
import type { RuleSet } from './rules/compile-rules.js';
import {
  createRuleEvaluator,
  type RuleEvaluator,
  type RuleExplanation,
  type RuleOutcome,
} from './rules/evaluate-rules.js';
import { createOverrideSelector } from './rules/select-overrides.js';
import type { ShellQuote, UnitOf } from './rules/template.js';

/**
 * The diagnosis core: incident → facts → rules → ranked hypotheses. Pure apart from json-rules-engine's
 * promises; no I/O, no clock, no environment. The CLI, the worker and the tests share it.
 */

export interface CoreOptions {
  readonly ruleSet: RuleSet;
  readonly catalogue: MetricCatalogue;
  /** Shell quoting for values substituted into commands (an adapter: shescape). */
  readonly quote: ShellQuote;
  readonly rank?: Partial<RankOptions>;
  readonly scanner?: LogScanner;
  /** How rules are evaluated (default: compiled conditions, the engine for the rest; the benchmark passes the reference one). */
  readonly evaluator?: (ruleSet: RuleSet) => RuleEvaluator;
  /** Per-service overrides (rules/overrides.json), compiled against this rule set. */
  readonly overrides?: CompiledOverrides;
}

export interface DiagnoseOptions {
  readonly fetched?: FetchedMetrics;
  readonly incidentId?: string;
  /** The incident's own facts when they were gathered already (`gatherOwn`): only the readings are added. */
  readonly own?: OwnFacts;
}

/** One diagnosis with the steps that led to it (rule tests and "why not" read these). */
export interface DiagnosisTrace {
  readonly gathered: Gathered;
  /** Rule outcome after the subject's overrides were applied. */
  readonly outcome: RuleOutcome;
  readonly diagnosis: Diagnosis;
}

export interface DiagnosisCore {
  readonly ruleSet: RuleSet;
  readonly catalogue: MetricCatalogue;
  readonly overrides?: CompiledOverrides;
  /** The rule set's version hash, with the overrides folded in when there are any. */
  readonly version: string;
  readonly unitOf: UnitOf;
  /** The facts of an incident (with `own`: its own facts gathered earlier, only the readings added). */
  gather(incident: Incident, fetched?: FetchedMetrics, own?: OwnFacts): Gathered;
  /** What the incident's own text gives, before readings: the costly part of gathering, to do once. */
  gatherOwn(incident: Incident): OwnFacts;
  diagnose(incident: Incident, options?: DiagnoseOptions): Promise<Diagnosis>;
  trace(incident: Incident, options?: DiagnoseOptions): Promise<DiagnosisTrace>;
  /** Every rule of a cause evaluated in full (with the subject's overrides), each condition's verdict. */
  explain(incident: Incident, cause: Cause, fetched?: FetchedMetrics): Promise<readonly RuleExplanation[]>;
  /** "Why not X?": where the cause ranked, and for each of its rules what passed, failed or was missing. */
  whyNot(incident: Incident, cause: Cause, options?: DiagnoseOptions): Promise<WhyNot>;
  /** The diagnosis and the "why not" of every cause, gathering the facts once (the playground shows all). */
  whyNotEvery(
    incident: Incident,
    options?: DiagnoseOptions,
  ): Promise<{ readonly diagnosis: Diagnosis; readonly whyNot: readonly WhyNot[] }>;
  /** The shared evaluator, without overrides. */
  readonly evaluator: RuleEvaluator;
}

/** Facts too large to keep in a diagnosis (log.text). */
const LARGE_FACTS: ReadonlySet<string> = new Set(BUILTIN_FACTS.filter((f) => f.large).map((f) => f.name));

function withoutLargeFacts(facts: FactMap): FactMap {
  const out: FactMap = {};
  for (const [k, v] of Object.entries(facts)) if (!LARGE_FACTS.has(k)) out[k] = v;
  return out;
}

/** A stable id for an incident: the same input always gets the same id. */
export function incidentIdOf(incident: Incident): string {
  if (incident.id) return incident.id;
  return `inc-${sha256Hex(canonicalJson(incident)).slice(0, 12)}`;
}

const STATE_TEXT: Readonly<Record<string, string>> = {
  'no-data': 'no data',
  'not-scraped': 'not scraped',
  error: 'query failed',
  'not-fetched': 'not fetched',
};

/** Observations that settle hypotheses and that a person can go and get. */
const OBSERVATION_HINTS: Readonly<Record<string, string>> = {
  capture:
    'a packet capture on both ends (tcpdump -nn) showing who sends the RST, and whether a FIN came first',
  timing: 'log lines with timestamps around the failures, to measure the idle time before them',
  'config.serverKeepAliveS': "the server's keep-alive timeout and the caller's pool idle timeout",
  'config.callerIdleS': "the server's keep-alive timeout and the caller's pool idle timeout",
};

const OBSERVATIONS = Object.entries(OBSERVATION_HINTS);

export function createDiagnosisCore(options: CoreOptions): DiagnosisCore {
  const scanner = options.scanner ?? createLogScanner();
  const metricIndex = indexCatalogue(options.catalogue);
  const evaluator = (options.evaluator ?? createRuleEvaluator)(options.ruleSet);
  const units = new Map<string, string>();
  for (const f of BUILTIN_FACTS) if (f.unit) units.set(f.name, f.unit);
  const metricByName = new Map(options.catalogue.facts.map((f) => [f.name, f]));
  for (const f of options.catalogue.facts) units.set(f.name, f.unit);
  const unitOf: UnitOf = (fact) => units.get(fact);
  const rankOptions: RankOptions = { ...DEFAULT_RANK_OPTIONS, ...options.rank };

  const describeMissing = (fact: string, facts: FactMap): string | undefined => {
    const metric = metricByName.get(fact.startsWith('state.') ? fact.slice(6) : fact);
    if (metric) {
      const state = facts[`state.${metric.name}`];
      if (metric.onlyWith) {
        const components = (facts['words.components'] as readonly string[] | undefined) ?? [];
        const runtimes = (facts['log.runtimes'] as readonly string[] | undefined) ?? [];
        if (!metric.onlyWith.some((c) => components.includes(c) || runtimes.includes(c))) return undefined;
      }
      const how = metric.enable.length > 140 ? `${metric.enable.slice(0, 139)}…` : metric.enable;
      return `${metric.name} (${(typeof state === 'string' && STATE_TEXT[state]) || 'not given'}): ${metric.description.replace(/\.$/, '')}. Get it from ${metric.exporter}: ${how}`;
    }
    for (const [prefix, text] of OBSERVATIONS) if (fact.startsWith(prefix)) return text;
    return undefined;
  };

  const gather = (incident: Incident, fetched?: FetchedMetrics, own?: OwnFacts): Gathered =>
    gatherFacts(incident, { scanner, metricIndex }, fetched, own);

  const select = createOverrideSelector(options.ruleSet, evaluator, options.overrides);
  const version = options.overrides
    ? sha256Hex(`${options.ruleSet.version}\0${options.overrides.version}`).slice(0, 12)
    : options.ruleSet.version;

  const trace = async (incident: Incident, opts: DiagnoseOptions = {}): Promise<DiagnosisTrace> => {
    const gathered = gather(incident, opts.fetched, opts.own);
    const selection = select(gathered.subject);
    const outcome = selection.adjust(await selection.evaluator.evaluate(gathered.facts));
    const ranking = rankHypotheses(
      outcome,
      gathered,
      { unitOf, quote: options.quote, describeMissing },
      rankOptions,
    );
    const hop = gathered.log?.resetHops[0];
    const capture = gathered.facts['capture.rstFrom'];
    const resetBy = hop
      ? `${hop.to} (hop ${hop.from} -> ${hop.to}, ${hop.transactions} transaction${hop.transactions === 1 ? '' : 's'})`
      : typeof capture === 'string'
        ? `the ${capture} side of the connection (capture)`
        : undefined;
    const diagnosis: Diagnosis = {
      incidentId: opts.incidentId ?? incidentIdOf(incident),
      hypotheses: ranking.hypotheses,
      ruledOut: ranking.ruledOut,
      unexplained: ranking.unexplained,
      facts: withoutLargeFacts(gathered.facts),
      warnings: gathered.warnings,
      degraded: gathered.degraded,
      rulesVersion: version,
      ...(selection.names.length > 0 ? { overrides: selection.names } : {}),
      ...(resetBy === undefined ? {} : { resetBy }),
    };
    return { gathered, outcome, diagnosis };
  };

  const explainGathered = async (gathered: Gathered, cause: Cause): Promise<RuleExplanation[]> => {
    const selection = select(gathered.subject);
    const out: RuleExplanation[] = [];
    for (const e of await selection.evaluator.explain(gathered.facts, cause)) {
      const rule = selection.effective(e.rule);
      const by = selection.disabledBy(e.rule.def.id);
      out.push(rule ? { ...e, rule } : { ...e, ...(by === undefined ? {} : { disabledBy: by }) });
    }
    return out;
  };

  const whyNotOf = async (t: DiagnosisTrace, cause: Cause): Promise<WhyNot> =>
    buildWhyNot({
      cause,
      diagnosis: t.diagnosis,
      outcome: t.outcome,
      explanations: await explainGathered(t.gathered, cause),
      facts: t.gathered.facts,
      unitOf,
      describeMissing,
    });

  return {
    ruleSet: options.ruleSet,
    catalogue: options.catalogue,
    ...(options.overrides ? { overrides: options.overrides } : {}),
    version,
    unitOf,
    evaluator,
    gather,
    gatherOwn: (incident) => gatherOwnFacts(incident, { scanner, metricIndex }),
    trace,
    async diagnose(incident, opts = {}) {
      return (await trace(incident, opts)).diagnosis;
    },
    async explain(incident, cause, fetched) {
      return explainGathered(gather(incident, fetched), cause);
    },
    async whyNot(incident, cause, opts = {}) {
      return whyNotOf(await trace(incident, opts), cause);
    },
    async whyNotEvery(incident, opts = {}) {
      const t = await trace(incident, opts);
      const whyNot: WhyNot[] = [];
      for (const cause of CAUSES) whyNot.push(await whyNotOf(t, cause));
      return { diagnosis: t.diagnosis, whyNot };
    },
  };
}
