import { Engine, type RuleResult } from 'json-rules-engine';
import type { Cause } from '../model/causes.js';
import type { FactMap, FactValue } from '../model/facts.js';
import type { CompiledRule, RuleSet } from './compile-rules.js';
import { addOperators, CUSTOM_OPERATORS, firstMatchingLine } from './operators.js';
import { type Condition, isLeaf } from './rule-schema.js';

/**
 * Runs json-rules-engine over the facts of one incident.
 *
 * Speed without giving up the engine: a screen first drops the rules that cannot fire (their `all`/`any`
 * structure evaluated with the very operator functions the engine uses; anything under `not` counts as "may
 * pass"), each distinct set of remaining rules gets one Engine built once and cached, paths are resolved by a
 * plain property walk, and runs on one Engine are serialized (its run status is per instance, so concurrent
 * runs would make a finishing run skip another's rules). The engine decides what fires.
 */

export interface ConditionTrace {
  /** Where the condition sits in its rule, e.g. `conditions.all[1].any[0]`. */
  readonly path: string;
  readonly fact: string;
  readonly operator: string;
  readonly value: unknown;
  /** The value the fact had (undefined: the fact was absent). */
  readonly actual: FactValue | undefined;
  /** undefined: not evaluated (an earlier condition already decided). */
  readonly passed: boolean | undefined;
}

export interface FiredRule {
  readonly rule: CompiledRule;
  /** Tag values that made containsAny/contains/in conditions pass (for evidence text). */
  readonly matched: readonly string[];
}

export interface FailedRule {
  readonly rule: CompiledRule;
  /** Leaf conditions that did not pass, with the values they saw. */
  readonly failed: readonly ConditionTrace[];
}

export interface RuleOutcome {
  readonly fired: readonly FiredRule[];
  /** Every rule that did not fire. */
  readonly notFired: readonly CompiledRule[];
  /** The leaf conditions that failed for a rule that did not fire, with the values they saw (computed on demand). */
  failures(rule: CompiledRule): readonly ConditionTrace[];
  /** Rules that did not fire although all their data was there, with why. */
  readonly failed: readonly FailedRule[];
  /** Rules that did not fire only because a fact they need is absent. */
  readonly skipped: readonly CompiledRule[];
}

export interface RuleExplanation {
  readonly rule: CompiledRule;
  readonly fired: boolean;
  /** The override that switched the rule off for this subject, if one did. */
  readonly disabledBy?: string;
  readonly conditions: readonly ConditionTrace[];
  /** Facts the rule reads that the incident did not have. */
  readonly absent: readonly string[];
}

export interface RuleEvaluator {
  readonly ruleSet: RuleSet;
  evaluate(facts: FactMap): Promise<RuleOutcome>;
  /** Every rule of a cause, evaluated in full, with each condition's verdict: "why not X?". */
  explain(facts: FactMap, cause: Cause): Promise<readonly RuleExplanation[]>;
}

/** `$.a.b` or `a.b`: a plain walk instead of JSONPath (rules never need more). */
export function plainPathResolver(value: unknown, path: string): unknown {
  const parts = path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean);
  let cur: unknown = value;
  for (const p of parts) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

type Verdict = boolean | undefined;

function resolveValue(value: unknown, facts: FactMap): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'fact' in value) {
    const ref = value as { fact: string; path?: string };
    const v = facts[ref.fact];
    return ref.path ? plainPathResolver(v, ref.path) : v;
  }
  return value;
}

/**
 * Three-valued screen: false = cannot fire; true = fires; undefined = the engine must decide. With `traces`,
 * every leaf it looked at is recorded (only asked for when a failure has to be explained).
 */
function screen(c: Condition, facts: FactMap, traces?: ConditionTrace[], path = 'conditions'): Verdict {
  if (isLeaf(c)) {
    const op = CUSTOM_OPERATORS[c.operator];
    if (!op) return undefined;
    const raw = facts[c.fact];
    const actual = c.path ? plainPathResolver(raw, c.path) : raw;
    const value = resolveValue(c.value, facts);
    const passed = op(actual, value);
    traces?.push({
      path,
      fact: c.fact,
      operator: c.operator,
      value,
      actual: (actual as FactValue | undefined) ?? undefined,
      passed,
    });
    return passed;
  }
  if ('all' in c) {
    let verdict: Verdict = true;
    for (const [i, x] of c.all.entries()) {
      const v = screen(x, facts, traces, `${path}.all[${i}]`);
      if (v === false) return false;
      if (v === undefined) verdict = undefined;
    }
    return verdict;
  }
  if ('any' in c) {
    let verdict: Verdict = false;
    for (const [i, x] of c.any.entries()) {
      const v = screen(x, facts, traces, `${path}.any[${i}]`);
      if (v === true) return true;
      if (v === undefined) verdict = undefined;
    }
    return verdict;
  }
  return undefined;
}

interface CachedEngine {
  readonly engine: Engine;
  /** The facts its rules read: only these are handed to a run. */
  readonly facts: readonly string[];
  tail: Promise<unknown>;
}

function pick(facts: FactMap, names: readonly string[]): FactMap {
  const out: FactMap = {};
  for (const n of names) {
    const v = facts[n];
    if (v !== undefined) out[n] = v;
  }
  return out;
}

function factsOfRules(rules: readonly CompiledRule[]): string[] {
  return [...new Set(rules.flatMap((r) => r.facts))];
}

const MAX_ENGINES = 256;

export function present(facts: FactMap): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(facts)) if (v !== undefined && v !== null) out.add(k);
  return out;
}

interface ResultNode {
  fact?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
  all?: ResultNode[];
  any?: ResultNode[];
  not?: ResultNode;
}

interface PathedNode {
  readonly node: ResultNode;
  readonly path: string;
}

function leaves(node: ResultNode | undefined, path = 'conditions', out: PathedNode[] = []): PathedNode[] {
  if (!node) return out;
  if (node.fact !== undefined) out.push({ node, path });
  (node.all ?? []).forEach((c, i) => {
    leaves(c, `${path}.all[${i}]`, out);
  });
  (node.any ?? []).forEach((c, i) => {
    leaves(c, `${path}.any[${i}]`, out);
  });
  if (node.not) leaves(node.not, `${path}.not`, out);
  return out;
}

function trace({ node, path }: PathedNode, facts: FactMap): ConditionTrace {
  const fact = node.fact ?? '';
  return {
    path,
    fact,
    operator: node.operator ?? '',
    value: node.valueResult ?? node.value,
    actual: facts[fact] ?? undefined,
    passed: node.result,
  };
}

function matchedTags(node: ResultNode | undefined): string[] {
  const out: string[] = [];
  for (const { node: leaf } of leaves(node)) {
    if (leaf.result !== true) continue;
    const op = leaf.operator ?? '';
    const fv = leaf.factResult;
    const vv = leaf.valueResult ?? leaf.value;
    if (op === 'containsAny' || op === 'containsAll' || op === 'contains' || op === 'in') {
      const factItems = Array.isArray(fv) ? fv : [fv];
      const valueItems = Array.isArray(vv) ? vv : [vv];
      for (const x of factItems) if (valueItems.includes(x) && typeof x === 'string') out.push(x);
    } else if (op === 'matches') {
      const line = firstMatchingLine(fv, vv);
      if (line !== undefined) out.push(line.length > 200 ? `${line.slice(0, 200)}…` : line);
    }
  }
  return [...new Set(out)];
}

/**
 * The outcome of one evaluation from the engine's results. Why a rule did not fire is worked out only when
 * someone asks (ruled-out lines, "why not"): from the engine's trace when the engine ran the rule, otherwise
 * by screening it again with traces.
 */
function outcomeOf(
  ruleSet: RuleSet,
  facts: FactMap,
  results: readonly RuleResult[],
  failureResults: readonly RuleResult[],
): RuleOutcome {
  const engineFailures = new Map<CompiledRule, readonly ConditionTrace[]>();
  const screenFailures = new Map<CompiledRule, readonly ConditionTrace[]>();
  const failures = (r: CompiledRule): readonly ConditionTrace[] => {
    const known = engineFailures.get(r) ?? screenFailures.get(r);
    if (known) return known;
    const traces: ConditionTrace[] = [];
    screen(r.def.conditions as Condition, facts, traces);
    const failing = traces.filter((t) => t.passed === false);
    screenFailures.set(r, failing);
    return failing;
  };
  const fired: FiredRule[] = [];
  for (const res of results) {
    const rule = ruleSet.byId.get(res.name);
    if (rule) fired.push({ rule, matched: matchedTags(res.conditions as unknown as ResultNode) });
  }
  for (const res of failureResults) {
    const rule = ruleSet.byId.get(res.name);
    if (!rule) continue;
    engineFailures.set(
      rule,
      leaves(res.conditions as unknown as ResultNode)
        .filter((l) => l.node.result === false)
        .map((l) => trace(l, facts)),
    );
  }
  const firedSet = new Set(fired.map((f) => f.rule));
  const notFired = ruleSet.rules.filter((r) => !firedSet.has(r));
  return {
    fired,
    notFired,
    failures,
    get failed() {
      return notFired
        .map((rule) => ({ rule, failed: failures(rule) }))
        .filter((f) => !f.failed.every((t) => t.actual === undefined));
    },
    get skipped() {
      return notFired.filter((rule) => failures(rule).every((t) => t.actual === undefined));
    },
  };
}

function makeEngine(rules: readonly CompiledRule[]): Engine {
  const engine = new Engine(
    rules.map((r) => r.engineRule),
    { allowUndefinedFacts: true, allowUndefinedConditions: false, pathResolver: plainPathResolver },
  );
  addOperators(engine);
  return engine;
}

export function createRuleEvaluator(ruleSet: RuleSet): RuleEvaluator {
  const cache = new Map<string, CachedEngine>();
  const byCause = new Map<Cause, CachedEngine>();

  function engineFor(key: string, rules: () => readonly CompiledRule[]): CachedEngine {
    let entry = cache.get(key);
    if (entry) {
      cache.delete(key);
      cache.set(key, entry);
      return entry;
    }
    const list = rules();
    entry = { engine: makeEngine(list), facts: factsOfRules(list), tail: Promise.resolve() };
    cache.set(key, entry);
    if (cache.size > MAX_ENGINES) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return entry;
  }

  function run(
    entry: CachedEngine,
    facts: FactMap,
  ): Promise<{ results: RuleResult[]; failureResults: RuleResult[] }> {
    const next = entry.tail.then(() => entry.engine.run(facts));
    entry.tail = next.catch(() => undefined);
    return next;
  }

  return {
    ruleSet,
    async evaluate(facts) {
      const candidates: CompiledRule[] = [];
      for (const r of ruleSet.rules) {
        if (screen(r.def.conditions as Condition, facts) !== false) candidates.push(r);
      }
      if (candidates.length === 0) return outcomeOf(ruleSet, facts, [], []);
      const key = candidates.map((r) => r.def.id).join('\n');
      const entry = engineFor(key, () => candidates);
      const { results, failureResults } = await run(entry, pick(facts, entry.facts));
      return outcomeOf(ruleSet, facts, results, failureResults);
    },
    async explain(facts, cause) {
      const rules = ruleSet.rules.filter((r) => r.def.cause === cause);
      if (rules.length === 0) return [];
      let entry = byCause.get(cause);
      if (!entry) {
        entry = { engine: makeEngine(rules), facts: factsOfRules(rules), tail: Promise.resolve() };
        byCause.set(cause, entry);
      }
      const { results, failureResults } = await run(entry, facts);
      const have = present(facts);
      const out: RuleExplanation[] = [];
      for (const res of [...results, ...failureResults]) {
        const rule = ruleSet.byId.get(res.name);
        if (!rule) continue;
        out.push({
          rule,
          fired: res.result === true,
          conditions: leaves(res.conditions as unknown as ResultNode).map((l) => trace(l, facts)),
          absent: rule.facts.filter((f) => !have.has(f)),
        });
      }
      return out.sort((a, b) => a.rule.file.localeCompare(b.rule.file) || a.rule.index - b.rule.index);
    },
  };
}

/**
 * The reference evaluator: every rule in one fresh Engine per evaluation, with json-rules-engine's own path
 * resolver; no screen, no cache. Slow on purpose: it is the naive baseline of `npm run bench`, and what the
 * screened evaluator is held to (both must fire the same rules, with the same matched values).
 */
export function createReferenceEvaluator(ruleSet: RuleSet): RuleEvaluator {
  const explainer = createRuleEvaluator(ruleSet);
  return {
    ruleSet,
    async evaluate(facts) {
      const engine = new Engine(
        ruleSet.rules.map((r) => r.engineRule),
        { allowUndefinedFacts: true, allowUndefinedConditions: false },
      );
      addOperators(engine);
      const { results, failureResults } = await engine.run(facts);
      return outcomeOf(ruleSet, facts, results, failureResults);
    },
    explain: (facts, cause) => explainer.explain(facts, cause),
  };
}
