/**
 * PromQL templates of the metric catalogue: parsing, checking and rendering.
 *
 * Placeholders name who the query is about ({{namespace}} {{pod}} {{service}} {{peer}} {{container}}
 * {{instance}} {{node}}), the time window ({{window}}) and configurable label names ({{label.X}}). Values
 * come from incidents (alert labels, people's words), so they are untrusted: a value is only ever substituted
 * inside a quoted label-matcher value, escaped for that string literal, and regex-escaped first when the
 * matcher is `=~` or `!~`. A value can therefore never end the string or the selector it sits in.
 */

export const SCOPE_PLACEHOLDERS = [
  'namespace',
  'pod',
  'service',
  'peer',
  'container',
  'instance',
  'node',
] as const;
export type ScopePlaceholder = (typeof SCOPE_PLACEHOLDERS)[number];

/** Where a placeholder stands: a `=`/`!=` matcher value, a `=~`/`!~` matcher value, a label name, a range. */
export type PlaceholderContext = 'equal' | 'regex' | 'label' | 'duration';

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'placeholder';
      readonly name: string;
      readonly context: PlaceholderContext;
      /** The quote of the string literal the placeholder stands in (for value placeholders). */
      readonly quote?: '"' | "'";
    };

export interface ParsedTemplate {
  readonly parts: readonly TemplatePart[];
  /** Entities the query needs, each with the contexts it is used in. */
  readonly scope: ReadonlyMap<ScopePlaceholder, ReadonlySet<'equal' | 'regex'>>;
  /** Configurable label names the template refers to ({{label.X}} → X). */
  readonly labels: readonly string[];
  /** Metric names the query reads (to tell "not scraped" from "no data"). */
  readonly metrics: readonly string[];
  /** Why the template is unusable; empty when it is fine. */
  readonly problems: readonly string[];
}

const PLACEHOLDER_AT = /\{\{([a-z][a-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\}\}/y;
const IDENT_AT = /[A-Za-z_:][A-Za-z0-9_:]*/y;
const NUMBER_AT = /[0-9.][0-9A-Za-z.]*/y;
const METRIC_NAME = /^[A-Za-z_:][A-Za-z0-9_:]*$/;
export const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const DURATION = /^(?:[0-9]+(?:ms|s|m|h|d|w|y)){1,4}$/;

const AGGREGATORS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
]);
const KEYWORDS = new Set(['bool', 'offset', 'and', 'or', 'unless', 'inf', 'nan', 'atan2']);
const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

function isScope(name: string): name is ScopePlaceholder {
  return (SCOPE_PLACEHOLDERS as readonly string[]).includes(name);
}

/** The matcher operator right before a string literal starting at `i`, if any. */
function matcherBefore(template: string, i: number): 'equal' | 'regex' | undefined {
  const before = template.slice(Math.max(0, i - 8), i).trimEnd();
  if (before.endsWith('=~') || before.endsWith('!~')) return 'regex';
  if (before.endsWith('!=') || before.endsWith('=')) return 'equal';
  return undefined;
}

function metricsOfNameMatcher(value: string, op: 'equal' | 'regex'): string[] {
  if (op === 'equal') return METRIC_NAME.test(value) ? [value] : [];
  const alternatives = value.split('|');
  return alternatives.every((a) => METRIC_NAME.test(a)) ? alternatives : [];
}

/** Reads a template once: its literal text, its placeholders in context, the metrics it reads. */
export function parsePromqlTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const scope = new Map<ScopePlaceholder, Set<'equal' | 'regex'>>();
  const labels = new Set<string>();
  const metrics = new Set<string>();
  const problems: string[] = [];
  let text = '';
  const flush = () => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
  };

  let braces = 0;
  let brackets = 0;
  let skipParenList = false;
  let parenListDepth = 0;
  let lastLabel: string | undefined;
  let i = 0;
  while (i < template.length) {
    PLACEHOLDER_AT.lastIndex = i;
    const ph = PLACEHOLDER_AT.exec(template);
    if (ph) {
      const name = ph[1] ?? '';
      flush();
      if (name.startsWith('label.')) {
        labels.add(name.slice('label.'.length));
        parts.push({ kind: 'placeholder', name, context: 'label' });
        if (braces === 0 && parenListDepth === 0)
          problems.push(`{{${name}}} stands outside a selector or a grouping list`);
      } else if (name === 'window') {
        parts.push({ kind: 'placeholder', name, context: 'duration' });
        if (brackets === 0) problems.push('{{window}} stands outside a range [...]');
      } else if (isScope(name)) {
        problems.push(`{{${name}}} stands outside a quoted label-matcher value`);
      } else {
        problems.push(`unknown placeholder {{${name}}}`);
      }
      i += ph[0].length;
      continue;
    }
    const c = template[i] ?? '';
    if (c === '"' || c === "'" || c === '`') {
      const op = matcherBefore(template, i);
      const capturingName = braces > 0 && lastLabel === '__name__' && op !== undefined;
      text += c;
      let j = i + 1;
      let literal = '';
      let closed = false;
      while (j < template.length) {
        const d = template[j] ?? '';
        if (d === c) {
          closed = true;
          break;
        }
        if (d === '\\' && c !== '`') {
          text += d + (template[j + 1] ?? '');
          literal += template[j + 1] ?? '';
          j += 2;
          continue;
        }
        PLACEHOLDER_AT.lastIndex = j;
        const inner = PLACEHOLDER_AT.exec(template);
        if (inner) {
          const name = inner[1] ?? '';
          if (c === '`') problems.push(`{{${name}}} stands in a raw string, where it cannot be escaped`);
          else if (!isScope(name))
            problems.push(
              name === 'window' || name.startsWith('label.')
                ? `{{${name}}} stands inside a string`
                : `unknown placeholder {{${name}}}`,
            );
          else if (op === undefined)
            problems.push(`{{${name}}} stands in a string that is not a label-matcher value`);
          else {
            flush();
            parts.push({ kind: 'placeholder', name, context: op, quote: c === '"' ? '"' : "'" });
            const contexts = scope.get(name) ?? new Set();
            contexts.add(op);
            scope.set(name, contexts);
          }
          literal += '\u0000';
          j += inner[0].length;
          continue;
        }
        text += d;
        literal += d;
        j++;
      }
      if (!closed) {
        problems.push('unterminated string');
        i = template.length;
        continue;
      }
      if (capturingName && op && !literal.includes('\u0000'))
        for (const m of metricsOfNameMatcher(literal, op)) metrics.add(m);
      text += c;
      i = j + 1;
      continue;
    }
    if (c === '{') braces++;
    else if (c === '}') braces = Math.max(0, braces - 1);
    else if (c === '[') brackets++;
    else if (c === ']') brackets = Math.max(0, brackets - 1);
    else if (c === '(') {
      if (skipParenList) {
        parenListDepth++;
        skipParenList = false;
      } else if (parenListDepth > 0) parenListDepth++;
    } else if (c === ')') {
      if (parenListDepth > 0) parenListDepth--;
    }
    if (/[0-9.]/.test(c) && braces === 0) {
      NUMBER_AT.lastIndex = i;
      const num = NUMBER_AT.exec(template)?.[0] ?? c;
      text += num;
      i += num.length;
      continue;
    }
    IDENT_AT.lastIndex = i;
    const ident = /[A-Za-z_:]/.test(c) ? IDENT_AT.exec(template)?.[0] : undefined;
    if (ident) {
      text += ident;
      i += ident.length;
      if (braces > 0) {
        lastLabel = ident;
        continue;
      }
      if (brackets > 0 || parenListDepth > 0) continue;
      skipParenList = false;
      const next = template.slice(i).trimStart()[0];
      if (GROUPING.has(ident)) {
        skipParenList = true;
        continue;
      }
      if (next === '(' || AGGREGATORS.has(ident) || KEYWORDS.has(ident)) continue;
      metrics.add(ident);
      continue;
    }
    if (braces === 0) lastLabel = undefined;
    text += c;
    i++;
  }
  flush();
  if (braces !== 0) problems.push('unbalanced braces');
  return { parts, scope, labels: [...labels], metrics: [...metrics], problems };
}

/** Escapes RE2 metacharacters so a value matches itself only. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes a value for a PromQL string literal delimited by `quote` (Go string-literal escapes). */
export function escapePromqlString(value: string, quote: '"' | "'"): string {
  let out = '';
  for (const ch of value.replace(LONE_SURROGATE, '\uFFFD')) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

/**
 * What the queries of one incident are about. `pod` is an exact pod name; `podPattern` a ready RE2
 * pattern used when only the service is known; `nodes`, `instances` and `hostIps` identify the nodes
 * (a node exporter's `instance` is the node name or its IP, with a port).
 */
export interface TemplateValues {
  readonly namespace?: string;
  readonly service?: string;
  readonly peer?: string;
  readonly container?: string;
  readonly pod?: string;
  readonly podPattern?: string;
  readonly nodes?: readonly string[];
  readonly instances?: readonly string[];
  readonly hostIps?: readonly string[];
  readonly window: string;
}

export type RenderResult =
  | { readonly ok: true; readonly promql: string }
  | { readonly ok: false; readonly missing: readonly ScopePlaceholder[] };

const OPTIONAL_PORT = '(?::[0-9]+)?';

function alternation(patterns: readonly string[]): string | undefined {
  if (patterns.length === 0) return undefined;
  return patterns.length === 1 ? patterns[0] : `(?:${patterns.join('|')})`;
}

/** The raw (unescaped for the string literal) value of a placeholder in a context, if it is known. */
export function placeholderValue(
  name: ScopePlaceholder,
  context: 'equal' | 'regex',
  v: TemplateValues,
): string | undefined {
  const single = (s: string | undefined) =>
    s === undefined || s === '' ? undefined : context === 'regex' ? escapeRegex(s) : s;
  switch (name) {
    case 'namespace':
    case 'service':
    case 'peer':
    case 'container':
      return single(v[name]);
    case 'pod':
      if (v.pod) return single(v.pod);
      return context === 'regex' ? v.podPattern : undefined;
    case 'node': {
      const nodes = v.nodes ?? [];
      if (context === 'equal') return nodes.length === 1 ? nodes[0] : undefined;
      return alternation(nodes.map(escapeRegex));
    }
    case 'instance': {
      const instances = v.instances ?? [];
      if (context === 'equal') return instances.length === 1 ? instances[0] : undefined;
      return alternation([
        ...instances.map(escapeRegex),
        ...(v.nodes ?? []).map((n) => escapeRegex(n) + OPTIONAL_PORT),
        ...(v.hostIps ?? []).map((h) => escapeRegex(h) + OPTIONAL_PORT),
      ]);
    }
  }
}

/** Entities a template needs that the values do not give. */
export function missingScope(parsed: ParsedTemplate, values: TemplateValues): ScopePlaceholder[] {
  const missing: ScopePlaceholder[] = [];
  for (const [name, contexts] of parsed.scope) {
    for (const context of contexts) {
      if (placeholderValue(name, context, values) === undefined && !missing.includes(name))
        missing.push(name);
    }
  }
  return missing;
}

/**
 * Fills a parsed template. Label names come from the catalogue (checked identifiers), the window is a
 * checked duration, and every entity value is escaped for the string literal it stands in.
 */
export function renderPromqlTemplate(
  parsed: ParsedTemplate,
  values: TemplateValues,
  labels: Readonly<Record<string, string>>,
): RenderResult {
  if (parsed.problems.length > 0) throw new Error(`invalid PromQL template: ${parsed.problems.join('; ')}`);
  if (!DURATION.test(values.window)) throw new Error(`invalid window "${values.window}"`);
  const missing = missingScope(parsed, values);
  if (missing.length > 0) return { ok: false, missing };
  let out = '';
  for (const part of parsed.parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    if (part.context === 'duration') {
      out += values.window;
      continue;
    }
    if (part.context === 'label') {
      const label = labels[part.name.slice('label.'.length)];
      if (label === undefined || !LABEL_NAME.test(label))
        throw new Error(`no valid label name for {{${part.name}}}`);
      out += label;
      continue;
    }
    const raw = placeholderValue(part.name as ScopePlaceholder, part.context, values) ?? '';
    out += escapePromqlString(raw, part.quote ?? '"');
  }
  return { ok: true, promql: out };
}

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/** Milliseconds in a PromQL duration (`90s`, `1h30m`); undefined when it is not one. */
export function durationMs(duration: string): number | undefined {
  if (!DURATION.test(duration)) return undefined;
  let total = 0;
  for (const m of duration.matchAll(/([0-9]+)(ms|s|m|h|d|w|y)/g))
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
  return total > 0 ? total : undefined;
}
