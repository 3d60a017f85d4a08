import { Engine, Fact, type RuleResult } from 'json-rules-engine';
import type { Cause } from '../model/causes.js';
import type { FactMap, FactValue } from '../model/facts.js';
import type { CompiledRule, RuleSet } from './compile-rules.js';
import { addOperators, CUSTOM_OPERATORS, firstMatchingLine } from './operators.js';
import { type Condition, isLeaf, type LeafCondition } from './rule-schema.js';

/**
 * Evaluates the rules (json-rules-engine rules, as written in rules/*.json) over the facts of one incident.
 *
 * Each rule's conditions are compiled once into closures that apply the very operator functions
 * json-rules-engine is given (operators.ts), with a plain path resolver. Rules are looked at only when a fact
 * they need is present (every operator fails on a missing fact). The compiled form decides `all`/`any`
 * exactly as the engine does, so it decides every rule it can; json-rules-engine decides the rest (a `not`,
 * an unknown operator), each distinct set of them with one Engine built once and cached. The engine runs
 * every rule of a cause for "why not X?", and the reference evaluator below (every rule in a fresh Engine,
 * the engine's own path resolver) is what the tests and the benchmark hold this one to: the same rules fire
 * with the same matched values on every rule test and corpus incident.
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
  /** The rules that did not fire by cause, in rule order. */
  readonly notFiredByCause: ReadonlyMap<Cause, readonly CompiledRule[]>;
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

/**
 * Three-valued verdict of one rule: false = does not fire; true = fires; undefined = the engine must decide
 * (a `not`, an unknown operator). With `traces`, every leaf it looked at is recorded with where it sits in
 * the rule; with `full`, every leaf is looked at, as the engine does (it evaluates every condition of an
 * `all` or `any`), not only until the verdict is known.
 */
type Screen = (facts: FactMap, traces?: ConditionTrace[], full?: boolean) => Verdict;

function isFactRef(value: unknown): value is { fact: string; path?: string } {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value) && 'fact' in (value as object);
}

const read = (facts: FactMap, name: string, at: string | undefined): unknown =>
  at ? plainPathResolver(facts[name], at) : facts[name];

/**
 * A rule's conditions compiled once into closures that apply the very operator functions the engine is
 * given: no walking the JSON, building paths or resolving values on every evaluation.
 */
function compileScreen(c: Condition, path = 'conditions'): Screen {
  if (isLeaf(c)) {
    const op = CUSTOM_OPERATORS[c.operator];
    if (!op) return () => undefined;
    const { fact, operator } = c;
    const at = c.path;
    const given: unknown = c.value;
    const ref = isFactRef(given) ? given : undefined;
    return (facts, traces) => {
      const actual = read(facts, fact, at);
      const value = ref ? read(facts, ref.fact, ref.path) : given;
      const passed = op(actual, value);
      traces?.push({
        path,
        fact,
        operator,
        value,
        actual: (actual as FactValue | undefined) ?? undefined,
        passed,
      });
      return passed;
    };
  }
  if ('all' in c) {
    const parts = c.all.map((x, i) => compileScreen(x, `${path}.all[${i}]`));
    return (facts, traces, full) => {
      let verdict: Verdict = true;
      for (const part of parts) {
        const v = part(facts, traces, full);
        if (v === false) {
          verdict = false;
          if (!full) return false;
        } else if (v === undefined && verdict === true) verdict = undefined;
      }
      return verdict;
    };
  }
  if ('any' in c) {
    const parts = c.any.map((x, i) => compileScreen(x, `${path}.any[${i}]`));
    return (facts, traces, full) => {
      let verdict: Verdict = false;
      for (const part of parts) {
        const v = part(facts, traces, full);
        if (v === true) {
          verdict = true;
          if (!full) return true;
        } else if (v === undefined && verdict === false) verdict = undefined;
      }
      return verdict;
    };
  }
  return () => undefined;
}

const screens = new WeakMap<CompiledRule, Screen>();

/** The rule's compiled screen, built on first use and kept as long as the rule. */
function screenOf(rule: CompiledRule): Screen {
  let s = screens.get(rule);
  if (!s) {
    s = compileScreen(rule.def.conditions as Condition);
    screens.set(rule, s);
  }
  return s;
}

/**
 * An anchor: a fact that must be present (`tag` undefined), or a string that a fact must hold (a tag list)
 * or be (a single value).
 */
interface Anchor {
  readonly fact: string;
  readonly tag?: string;
}

const allStrings = (xs: readonly unknown[]): xs is readonly string[] =>
  xs.length > 0 && xs.every((x) => typeof x === 'string');

/**
 * What a leaf needs to pass. Every operator fails on a missing fact (operators.ts); containsAny and `in`
 * with a list of strings also need the fact to hold (or be) one of them, containsAll needs its first,
 * contains and equal their string.
 */
function leafAnchors(c: LeafCondition): Anchor[] | undefined {
  if (!CUSTOM_OPERATORS[c.operator]) return undefined;
  const { fact, operator, value } = c;
  if (c.path === undefined) {
    const list: readonly unknown[] | undefined = Array.isArray(value) ? value : undefined;
    if (list && allStrings(list)) {
      if (operator === 'containsAny' || operator === 'in') return list.map((tag) => ({ fact, tag }));
      if (operator === 'containsAll') return [{ fact, tag: list[0] as string }];
    }
    if (typeof value === 'string' && ['containsAny', 'containsAll', 'contains', 'equal'].includes(operator))
      return [{ fact, tag: value }];
  }
  return [{ fact }];
}

/** A bare fact is present in most incidents that have it at all; a tag is rare. */
const anchorCost = (anchors: readonly Anchor[]): number =>
  anchors.reduce((n, a) => n + (a.tag === undefined ? 8 : 1), 0);

/**
 * Anchors of which at least one must hold for the rule to have any chance: a leaf needs its own, `all`
 * needs what its most selective part needs, `any` what one of its parts needs. Undefined: no such set (a
 * `not`, an unknown operator), always evaluate.
 */
function anchorsOf(c: Condition): Anchor[] | undefined {
  if (isLeaf(c)) return leafAnchors(c);
  if ('all' in c) {
    let best: Anchor[] | undefined;
    for (const part of c.all) {
      const a = anchorsOf(part);
      if (a && (!best || anchorCost(a) < anchorCost(best))) best = a;
    }
    return best;
  }
  if ('any' in c) {
    const out: Anchor[] = [];
    for (const part of c.any) {
      const a = anchorsOf(part);
      if (!a) return undefined;
      out.push(...a);
    }
    return out;
  }
  return undefined;
}

/** Whether the compiled conditions decide the rule on their own: no `not`, only known operators. */
function decidable(c: Condition): boolean {
  if (isLeaf(c)) return CUSTOM_OPERATORS[c.operator] !== undefined;
  if ('all' in c) return c.all.every(decidable);
  if ('any' in c) return c.any.every(decidable);
  return false;
}

interface CachedEngine {
  readonly engine: Engine;
  /** The facts its rules read: only these are handed to a run. */
  readonly facts: readonly string[];
  tail: Promise<unknown>;
}

/**
 * The facts an engine's rules read, as engine facts with caching off: a plain value handed to run() becomes
 * a cached Fact whose cache key is a hash of its id and parameters, computed on every run for nothing (a
 * constant needs no cache). Only the facts the rules read are handed over.
 */
function pick(facts: FactMap, names: readonly string[]): Record<string, Fact> {
  const out: Record<string, Fact> = {};
  for (const n of names) {
    const v = facts[n];
    if (v !== undefined) out[n] = new Fact(n, v, NO_CACHE);
  }
  return out;
}

const NO_CACHE = { cache: false } as const;

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

/** A leaf condition as evaluated: by the engine (its result tree) or by the compiled rule (a trace). */
interface EvaluatedLeaf {
  readonly operator: string;
  readonly actual: unknown;
  readonly value: unknown;
  readonly passed: boolean | undefined;
}

const TAG_OPERATORS: ReadonlySet<string> = new Set(['containsAny', 'containsAll', 'contains', 'in']);

/** What made the passing leaves pass: the shared tags of list operators, the first line a pattern matched. */
function matchedTags(evaluated: Iterable<EvaluatedLeaf>): string[] {
  const out: string[] = [];
  for (const leaf of evaluated) {
    if (leaf.passed !== true) continue;
    if (TAG_OPERATORS.has(leaf.operator)) {
      const factItems = Array.isArray(leaf.actual) ? leaf.actual : [leaf.actual];
      const valueItems = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
      for (const x of factItems) if (valueItems.includes(x) && typeof x === 'string') out.push(x);
    } else if (leaf.operator === 'matches') {
      const line = firstMatchingLine(leaf.actual, leaf.value);
      if (line !== undefined) out.push(line.length > 200 ? `${line.slice(0, 200)}…` : line);
    }
  }
  return [...new Set(out)];
}

function* engineLeaves(node: ResultNode | undefined): Generator<EvaluatedLeaf> {
  for (const { node: leaf } of leaves(node))
    yield {
      operator: leaf.operator ?? '',
      actual: leaf.factResult,
      value: leaf.valueResult ?? leaf.value,
      passed: leaf.result,
    };
}

const byCauseOfSet = new WeakMap<RuleSet, ReadonlyMap<Cause, readonly CompiledRule[]>>();

/** The rules of a rule set by cause, in rule order. */
function rulesByCauseOf(ruleSet: RuleSet): ReadonlyMap<Cause, readonly CompiledRule[]> {
  let m = byCauseOfSet.get(ruleSet);
  if (!m) {
    m = groupByCause(ruleSet.rules);
    byCauseOfSet.set(ruleSet, m);
  }
  return m;
}

function groupByCause(rules: readonly CompiledRule[]): Map<Cause, CompiledRule[]> {
  const map = new Map<Cause, CompiledRule[]>();
  for (const r of rules) {
    const list = map.get(r.def.cause);
    if (list) list.push(r);
    else map.set(r.def.cause, [r]);
  }
  return map;
}

const positions = new WeakMap<RuleSet, ReadonlyMap<CompiledRule, number>>();

/** Each rule's place in its rule set (files in name order, rules in file order). */
function positionsOf(ruleSet: RuleSet): ReadonlyMap<CompiledRule, number> {
  let p = positions.get(ruleSet);
  if (!p) {
    p = new Map(ruleSet.rules.map((r, i) => [r, i]));
    positions.set(ruleSet, p);
  }
  return p;
}

/**
 * The outcome of one evaluation: the rules the compiled conditions decided to fire, and the engine's results
 * for the rules it decided. Fired rules are listed in rule-set order (the engine lists them in the order its
 * promises settle). Why a rule did not fire is worked out only when someone asks (ruled-out lines, "why
 * not"): from the engine's trace when the engine ran the rule, otherwise by evaluating it again with traces.
 */
function outcomeOf(
  ruleSet: RuleSet,
  facts: FactMap,
  decided: readonly FiredRule[],
  results: readonly RuleResult[],
  failureResults: readonly RuleResult[],
): RuleOutcome {
  const engineFailures = new Map<CompiledRule, readonly ConditionTrace[]>();
  const screenFailures = new Map<CompiledRule, readonly ConditionTrace[]>();
  const failures = (r: CompiledRule): readonly ConditionTrace[] => {
    const known = engineFailures.get(r) ?? screenFailures.get(r);
    if (known) return known;
    const traces: ConditionTrace[] = [];
    screenOf(r)(facts, traces);
    const failing = traces.filter((t) => t.passed === false);
    screenFailures.set(r, failing);
    return failing;
  };
  const fired: FiredRule[] = [...decided];
  for (const res of results) {
    const rule = ruleSet.byId.get(res.name);
    if (rule)
      fired.push({ rule, matched: matchedTags(engineLeaves(res.conditions as unknown as ResultNode)) });
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
  const position = positionsOf(ruleSet);
  const place = (r: CompiledRule) => position.get(r) ?? Number.MAX_SAFE_INTEGER;
  fired.sort((a, b) => place(a.rule) - place(b.rule));
  const firedSet = new Set(fired.map((f) => f.rule));
  return lazyOutcome(
    fired,
    () => ruleSet.rules.filter((r) => !firedSet.has(r)),
    failures,
    () => {
      // A cause none of whose rules fired (most of them) keeps its list of rules as it is.
      const out = new Map<Cause, readonly CompiledRule[]>();
      for (const [cause, rules] of rulesByCauseOf(ruleSet)) {
        const some = fired.some((f) => f.rule.def.cause === cause);
        out.set(cause, some ? rules.filter((r) => !firedSet.has(r)) : rules);
      }
      return out;
    },
  );
}

/** A rule the compiled conditions decided fires, with what matched (every leaf evaluated, as the engine does). */
function firedByScreen(rule: CompiledRule, facts: FactMap): FiredRule {
  const traces: ConditionTrace[] = [];
  screenOf(rule)(facts, traces, true);
  return { rule, matched: matchedTags(traces) };
}

/**
 * An outcome from what fired, what did not and how to explain a failure; the rules that did not fire (most
 * of them, every time), `failed` and `skipped` are worked out only when asked for (a rule that failed only
 * for want of data is "skipped": its facts are missing).
 */
export function lazyOutcome(
  fired: readonly FiredRule[],
  notFiredOf: () => readonly CompiledRule[],
  failures: (rule: CompiledRule) => readonly ConditionTrace[],
  notFiredByCauseOf?: () => ReadonlyMap<Cause, readonly CompiledRule[]>,
): RuleOutcome {
  const onlyAbsent = (rule: CompiledRule) => failures(rule).every((t) => t.actual === undefined);
  let notFired: readonly CompiledRule[] | undefined;
  let byCause: ReadonlyMap<Cause, readonly CompiledRule[]> | undefined;
  return {
    fired,
    get notFired() {
      notFired ??= notFiredOf();
      return notFired;
    },
    get notFiredByCause() {
      byCause ??= notFiredByCauseOf ? notFiredByCauseOf() : groupByCause(this.notFired);
      return byCause;
    },
    failures,
    get failed() {
      return this.notFired
        .filter((rule) => !onlyAbsent(rule))
        .map((rule) => ({ rule, failed: failures(rule) }));
    },
    get skipped() {
      return this.notFired.filter(onlyAbsent);
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

  // Each rule's compiled screen, and the rules to screen per present fact (see anchorsOf).
  const ruleScreens = ruleSet.rules.map(screenOf);
  const exact = ruleSet.rules.map((r) => decidable(r.def.conditions as Condition));
  const always: number[] = [];
  const byFact = new Map<string, number[]>();
  const byTag = new Map<string, Map<string, number[]>>();
  const add = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  ruleSet.rules.forEach((r, i) => {
    const anchors = anchorsOf(r.def.conditions as Condition);
    if (!anchors) always.push(i);
    else
      for (const { fact, tag } of anchors) {
        if (tag === undefined) add(byFact, fact, i);
        else {
          const tags = byTag.get(fact) ?? new Map<string, number[]>();
          byTag.set(fact, tags);
          add(tags, tag, i);
        }
      }
  });

  /**
   * The rules whose anchors hold (or that have none), evaluated by their compiled conditions: those that
   * fire, and those only the engine can decide, in rule order.
   */
  // One scratch mark per rule, reused: screen() runs to its end without awaiting, so no two screens overlap
  // (a typed array per evaluation would be a small off-heap allocation every time).
  const marked = new Uint8Array(ruleSet.rules.length);

  function screen(facts: FactMap): { fired: FiredRule[]; undecided: CompiledRule[] } {
    marked.fill(0);
    const mark = (list: readonly number[] | undefined) => {
      if (list) for (const i of list) marked[i] = 1;
    };
    mark(always);
    for (const name in facts) {
      const v = facts[name];
      if (v === undefined || v === null) continue;
      mark(byFact.get(name));
      const tags = byTag.get(name);
      if (!tags) continue;
      if (typeof v === 'string') mark(tags.get(v));
      else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') mark(tags.get(x));
    }
    const fired: FiredRule[] = [];
    const undecided: CompiledRule[] = [];
    for (let i = 0; i < marked.length; i++) {
      if (marked[i] !== 1) continue;
      const rule = ruleSet.rules[i];
      if (!rule) continue;
      const verdict = ruleScreens[i]?.(facts);
      if (verdict === false) continue;
      if (verdict === true && exact[i]) fired.push(firedByScreen(rule, facts));
      else undecided.push(rule);
    }
    return { fired, undecided };
  }

  function run(
    entry: CachedEngine,
    facts: Record<string, unknown>,
  ): Promise<{ results: RuleResult[]; failureResults: RuleResult[] }> {
    const next = entry.tail.then(() => entry.engine.run(facts));
    entry.tail = next.catch(() => undefined);
    return next;
  }

  return {
    ruleSet,
    async evaluate(facts) {
      const { fired, undecided } = screen(facts);
      if (undecided.length === 0) return outcomeOf(ruleSet, facts, fired, [], []);
      const key = undecided.map((r) => r.def.id).join('\n');
      const entry = engineFor(key, () => undecided);
      const { results, failureResults } = await run(entry, pick(facts, entry.facts));
      return outcomeOf(ruleSet, facts, fired, results, failureResults);
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
      return outcomeOf(ruleSet, facts, [], results, failureResults);
    },
    explain: (facts, cause) => explainer.explain(facts, cause),
  };
}
