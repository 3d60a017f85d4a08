import type { Subject } from '../facts/gather-facts.js';
import type { FactMap, FactValue } from '../model/facts.js';

/**
 * Templates in rules: `{{fact.name}}` in evidence and titles (formatted by unit), `{{service}}`-style
 * subject placeholders in next-step commands (shell-quoted by the injected quoter; an unknown value becomes
 * a shell variable that refuses to run unset: "${POD:?set POD}").
 */

export type ShellQuote = (value: string) => string;

export const COMMAND_PLACEHOLDERS = [
  'service',
  'peer',
  'namespace',
  'pod',
  'container',
  'node',
  'host',
  'port',
  'instance',
] as const;
export type CommandPlaceholder = (typeof COMMAND_PLACEHOLDERS)[number];

/** Shell variable a placeholder becomes when its value is unknown. */
export const PLACEHOLDER_VARIABLE: Readonly<Record<CommandPlaceholder, string>> = {
  service: 'SERVICE',
  peer: 'PEER',
  namespace: 'NS',
  pod: 'POD',
  container: 'CONTAINER',
  node: 'NODE',
  host: 'HOST',
  port: 'PORT',
  instance: 'INSTANCE',
};

const PLACEHOLDER = /\{\{\s{0,3}([A-Za-z][A-Za-z0-9_.]{0,127})\s{0,3}\}\}/g;

export function placeholdersOf(template: string): string[] {
  const out: string[] = [];
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(template); m !== null; m = PLACEHOLDER.exec(template)) out.push(m[1] ?? '');
  return out;
}

export type UnitOf = (fact: string) => string | undefined;

function formatSeconds(s: number): string {
  if (s >= 1_000_000) return 'unlimited';
  if (s >= 7200 && s % 3600 === 0) return `${s / 3600} h`;
  if (s >= 120 && s % 60 === 0) return `${s / 60} min`;
  if (s >= 120) return `${Math.round(s)} s (${(s / 60).toFixed(1)} min)`;
  return `${Number.isInteger(s) ? s : s.toFixed(s < 1 ? 3 : 1)} s`;
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  return abs >= 100 ? n.toFixed(0) : abs >= 1 ? n.toFixed(2).replace(/\.?0+$/, '') : n.toPrecision(2);
}

export function formatValue(value: FactValue | undefined, unit?: string): string {
  if (value === undefined || value === null) return '?';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const items = (value as readonly (string | number)[])
      .slice(0, 6)
      .map((v) => (typeof v === 'number' ? formatValue(v, unit) : v));
    return items.join(', ') + (value.length > 6 ? ', …' : '');
  }
  const n = value as number;
  switch (unit) {
    case 'seconds':
      return formatSeconds(n);
    case 'ratio':
      return `${formatNumber(n * 100)} %`;
    case 'percent':
      return `${formatNumber(n)} %`;
    case 'bytes':
      return formatBytes(n);
    case 'per_second':
      return `${formatNumber(n)}/s`;
    default:
      return formatNumber(n);
  }
}

export function renderText(
  template: string,
  facts: FactMap,
  unitOf: UnitOf,
  extra: Readonly<Record<string, string>> = {},
): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const e = extra[name];
    if (e !== undefined) return e;
    return formatValue(facts[name], unitOf(name));
  });
}

export interface RenderedCommand {
  readonly command: string;
  readonly needs: readonly string[];
}

export function renderCommand(template: string, subject: Subject, quote: ShellQuote): RenderedCommand {
  const needs = new Set<string>();
  const command = template.replace(PLACEHOLDER, (_, name: string) => {
    const key = name as CommandPlaceholder;
    const raw = subject[key];
    if (raw !== undefined && raw !== '') return quote(String(raw));
    const variable = PLACEHOLDER_VARIABLE[key] ?? name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
    needs.add(variable);
    return `"\${${variable}:?set ${variable}}"`;
  });
  return { command, needs: [...needs] };
}
