import { BUILTIN_FACTS, CLASSES, PHASES } from '../facts/builtin-facts.js';
import { FACT_STATES } from '../facts/fact-catalogue.js';
import type { MetricCatalogue } from '../facts/metric-catalogue.js';
import { CAUSE_ALIASES } from '../model/cause-aliases.js';
import { CAUSE_INFO, CAUSES } from '../model/causes.js';
import { COMPONENT_IDS, HINT_IDS } from '../parse/parse-words.js';
import { ENVOY_FLAG_LIST, SIGNATURES } from '../parse/signatures.js';
import { OPERATOR_DOCS } from '../rules/operators.js';
import { OVERRIDE_MATCH_KEYS } from '../rules/overrides-schema.js';
import { COMMAND_PLACEHOLDERS } from '../rules/template.js';

/**
 * The reference sections of docs/rules.md, generated from the code and the catalogue so the documentation
 * cannot drift from what rules can actually use (`npm run schema` rewrites them; a test compares).
 */

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(s: string): string {
  return `\`${s}\``;
}

function list(values: readonly string[]): string {
  return values.map(code).join(', ');
}

const ORIGIN_TITLES: Readonly<Record<string, string>> = {
  merged: 'Merged',
  log: 'From the log',
  capture: 'From a packet capture (tcpdump -nn text in the log)',
  timing: 'From timestamps in the log',
  words: "From the person's words (context, alert annotations, prose in the log)",
  alert: 'From the alert',
  config: 'Timeouts along the path (stated, or the defaults of the components named)',
  incident: 'About the incident',
};

export function renderFactTables(catalogue: MetricCatalogue): string {
  const out: string[] = [];
  for (const origin of Object.keys(ORIGIN_TITLES)) {
    const facts = BUILTIN_FACTS.filter((f) => f.origin === origin);
    if (facts.length === 0) continue;
    out.push(`### ${ORIGIN_TITLES[origin]}`, '', '| fact | type | unit | meaning |', '|---|---|---|---|');
    for (const f of facts) {
      const values = f.values ? ` Values: [${f.name}](#vocabularies).` : '';
      out.push(`| ${code(f.name)} | ${f.type} | ${f.unit ?? ''} | ${cell(f.description)}${values} |`);
    }
    out.push('');
  }
  out.push(
    '### Metrics (catalogue/metrics.json)',
    '',
    'Each metric is a fact of its own name (a number), read from Prometheus or supplied with the incident under its name or an alias. `state.<name>` says why it has or lacks a value: ' +
      `${list(FACT_STATES)}.`,
    '',
    '| fact | unit | scope | meaning | exporter | evidence above |',
    '|---|---|---|---|---|---|',
  );
  for (const m of catalogue.facts) {
    out.push(
      `| ${code(m.name)} | ${m.unit} | ${m.scope} | ${cell(m.description)} | ${cell(m.exporter)} | ${m.threshold ?? ''} |`,
    );
  }
  out.push('');
  return out.join('\n');
}

export function renderVocabularies(): string {
  const out: string[] = [];
  const section = (title: string, facts: string, values: readonly string[]) => {
    out.push(`### ${title}`, '', `Used by ${facts}.`, '', list(values), '');
  };
  section('Mechanism classes', '`classes`, `log.classes`, `alert.classes`', CLASSES);
  section('Phases', '`log.phases`', PHASES);
  section('Situation hints', '`words.hints`', HINT_IDS);
  section('Components', '`words.components`', COMPONENT_IDS);
  section(
    'Runtimes',
    '`log.runtimes`',
    [...new Set(SIGNATURES.flatMap((s) => (s.runtime ? [s.runtime] : [])))].sort(),
  );
  section('Envoy response flags', '`log.envoyFlags`', ENVOY_FLAG_LIST);
  out.push('### Log signatures', '', 'Used by `log.signatures`; each adds its classes to `log.classes`.', '');
  out.push('| signature | classes | phase | runtime |', '|---|---|---|---|');
  for (const s of SIGNATURES) {
    out.push(`| ${code(s.id)} | ${s.classes.join(', ')} | ${s.phase ?? ''} | ${s.runtime ?? ''} |`);
  }
  out.push('');
  return out.join('\n');
}

export function renderOperatorTable(): string {
  const out: string[] = ['| operator | meaning | example |', '|---|---|---|'];
  for (const [name, doc] of Object.entries(OPERATOR_DOCS)) {
    const examples = doc.examples
      .map(
        (e) =>
          `${e.fact === undefined ? 'missing' : code(JSON.stringify(e.fact))} vs ${code(JSON.stringify(e.value))} → ${e.passes ? 'passes' : 'fails'}`,
      )
      .join('<br>');
    out.push(`| ${code(name)} | ${cell(doc.summary)} | ${code(doc.sample)}<br>${cell(examples)} |`);
  }
  out.push('');
  return out.join('\n');
}

export function renderCauseTable(): string {
  const out: string[] = [
    '| cause | prior (log-odds) | also called (`--explain`, "why not ...") |',
    '|---|---|---|',
  ];
  for (const c of CAUSES)
    out.push(`| ${code(c)} | ${CAUSE_INFO[c].prior} | ${CAUSE_ALIASES[c].join(', ')} |`);
  out.push('');
  return out.join('\n');
}

export function renderPlaceholderList(): string {
  return `Command placeholders: ${list(COMMAND_PLACEHOLDERS.map((p) => `{{${p}}}`))}. Override match keys: ${list(OVERRIDE_MATCH_KEYS)}.\n`;
}

/** Name → generated content; docs/rules.md holds `<!-- generated:NAME -->` ... `<!-- /generated:NAME -->`. */
export function ruleReferenceSections(catalogue: MetricCatalogue): Readonly<Record<string, string>> {
  return {
    facts: renderFactTables(catalogue),
    vocabularies: renderVocabularies(),
    operators: renderOperatorTable(),
    causes: renderCauseTable(),
    placeholders: renderPlaceholderList(),
  };
}

/** Replaces each generated section of a Markdown document; throws when a marker is missing. */
export function fillGeneratedSections(doc: string, sections: Readonly<Record<string, string>>): string {
  let out = doc;
  for (const [name, content] of Object.entries(sections)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start === -1 || end === -1 || end < start)
      throw new Error(`missing markers for generated section "${name}"`);
    out = `${out.slice(0, start + open.length)}\n\n${content.trimEnd()}\n\n${out.slice(end)}`;
  }
  return out;
}
