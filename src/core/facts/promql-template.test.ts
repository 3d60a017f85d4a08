import { describe, expect, it } from 'vitest';
import {
  durationMs,
  escapePromqlString,
  escapeRegex,
  parsePromqlTemplate,
  renderPromqlTemplate,
  type TemplateValues,
} from './promql-template.js';

const LABELS = { namespace: 'namespace', pod: 'pod', service: 'app', instance: 'instance', node: 'node' };
const render = (template: string, values: Partial<TemplateValues>) =>
  renderPromqlTemplate(parsePromqlTemplate(template), { window: '10m', ...values }, LABELS);

describe('parsePromqlTemplate', () => {
  it('finds each placeholder in its context and the metrics read', () => {
    const p = parsePromqlTemplate(
      'sum by (le) (rate(x_bucket{{{label.namespace}}="{{namespace}}",{{label.pod}}=~"{{pod}}"}[{{window}}])) / clamp_min(sum(y_total{app!="{{service}}"}), 1e-9)',
    );
    expect(p.problems).toEqual([]);
    expect(Object.fromEntries([...p.scope].map(([k, v]) => [k, [...v]]))).toEqual({
      namespace: ['equal'],
      pod: ['regex'],
      service: ['equal'],
    });
    expect([...p.labels].sort()).toEqual(['namespace', 'pod']);
    expect(p.metrics).toEqual(['x_bucket', 'y_total']);
  });

  it.each([
    ['a placeholder outside a string', 'up{pod={{pod}}}', 'outside a quoted label-matcher value'],
    [
      'a placeholder in a function argument',
      'label_replace(up, "x", "{{service}}", "", "")',
      'not a label-matcher',
    ],
    ['a placeholder in a raw string', 'up{pod=~`{{pod}}`}', 'raw string'],
    ['an unknown placeholder', 'up{pod="{{podname}}"}', 'unknown placeholder'],
    ['a window outside a range', 'up offset {{window}}', 'outside a range'],
    ['a label outside a selector', 'up + {{label.pod}}', 'outside a selector'],
    ['an unterminated string', 'up{pod="x}', 'unterminated'],
  ])('rejects %s', (_, template, message) => {
    expect(parsePromqlTemplate(template).problems.join('; ')).toContain(message);
  });

  it('reads metric names from __name__ matchers and skips keywords, functions and grouping labels', () => {
    const p = parsePromqlTemplate(
      'sum without (instance) (increase({__name__=~"a_total|b_total"}[5m])) + on (job) group_left max(c offset 5m) > bool 0 or vector(0)',
    );
    expect([...p.metrics].sort()).toEqual(['a_total', 'b_total', 'c']);
  });
});

describe('renderPromqlTemplate', () => {
  it('fills entities, label names and the window', () => {
    const r = render(
      'increase(x{{{label.namespace}}="{{namespace}}",{{label.pod}}=~"{{pod}}"}[{{window}}])',
      {
        namespace: 'shop',
        podPattern: 'cart-.*',
      },
    );
    expect(r).toEqual({ ok: true, promql: 'increase(x{namespace="shop",pod=~"cart-.*"}[10m])' });
  });

  it('regex-escapes values in =~ matchers and matches an exact pod when it is known', () => {
    const r = render('x{pod=~"{{pod}}",app=~".*{{service}}.*"}', { pod: 'cart-1.a', service: 'a+b' });
    expect(r).toEqual({ ok: true, promql: 'x{pod=~"cart-1\\\\.a",app=~".*a\\\\+b.*"}' });
  });

  it('matches a node by name or address, with any port', () => {
    const r = render('x{instance=~"{{instance}}"}', { nodes: ['node-a'], hostIps: ['10.0.0.1'] });
    expect(r).toEqual({
      ok: true,
      promql: 'x{instance=~"(?:node-a(?::[0-9]+)?|10\\\\.0\\\\.0\\\\.1(?::[0-9]+)?)"}',
    });
  });

  it('says which entities are missing', () => {
    expect(
      render('x{namespace="{{namespace}}",pod=~"{{pod}}",node="{{node}}"}', { nodes: ['a', 'b'] }),
    ).toEqual({
      ok: false,
      missing: ['namespace', 'pod', 'node'],
    });
  });

  it.each([
    ['a quote and a brace', 'a"} or vector(1) or x{a="'],
    ['a backslash before the quote', 'a\\"} or up{a="'],
    ['a newline', 'a\n"}'],
    ['a control character', 'a\u0001b'],
    ['single quotes', "a'} or up{a='"],
  ])('keeps %s inside the string literal', (_, value) => {
    for (const template of ['x{app="{{service}}"}', 'x{app=~"{{service}}"}', "x{app='{{service}}'}"]) {
      const r = render(template, { service: value });
      if (!r.ok) throw new Error('not rendered');
      // Whatever the value, the selector closes exactly once, at the end.
      const quote = template.includes("'") ? "'" : '"';
      const body = r.promql.slice(r.promql.indexOf(quote) + 1, r.promql.lastIndexOf(quote));
      expect(unescapeLiteral(body, quote)).toBe(template.includes('=~') ? escapeRegex(value) : value);
      expect(r.promql.endsWith(`${quote}}`)).toBe(true);
    }
  });

  it('refuses an invalid window', () => {
    expect(() => render('rate(x[{{window}}])', { window: '5m] or up[5m' })).toThrow(/invalid window/);
  });
});

/** Go's string-literal unquoting for the escapes escapePromqlString writes. */
function unescapeLiteral(body: string, quote: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === quote) throw new Error(`unescaped quote at ${i} in ${body}`);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === 'n') out += '\n';
    else if (n === 'r') out += '\r';
    else if (n === 't') out += '\t';
    else if (n === 'x') {
      out += String.fromCharCode(Number.parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else out += n;
  }
  return out;
}

describe('escaping', () => {
  it.each([
    ['a.b*c', 'a\\.b\\*c'],
    ['(x|y)', '\\(x\\|y\\)'],
    ['[0-9]{2}^$?+\\', '\\[0-9\\]\\{2\\}\\^\\$\\?\\+\\\\'],
  ])('escapeRegex(%j)', (value, expected) => {
    expect(escapeRegex(value)).toBe(expected);
  });

  it('escapes for the quote in use and replaces lone surrogates', () => {
    expect(escapePromqlString(`a"b'c\\`, '"')).toBe(`a\\"b'c\\\\`);
    expect(escapePromqlString(`a"b'c`, "'")).toBe(`a"b\\'c`);
    expect(escapePromqlString('x\uD800y\u007f', '"')).toBe('x\uFFFDy\\x7f');
  });
});

describe('durationMs', () => {
  it.each([
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['90s', 90_000],
    ['500ms', 500],
    ['15', undefined],
    ['1.5h', undefined],
    ['0s', undefined],
  ])('%s', (d, ms) => {
    expect(durationMs(d)).toBe(ms);
  });
});
