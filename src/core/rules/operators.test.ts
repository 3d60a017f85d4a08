import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import {
  addOperators,
  CUSTOM_OPERATORS,
  firstMatchingLine,
  MATCH_LINE_CHARS,
  OPERATOR_DOCS,
} from './operators.js';
import { OPERATORS } from './rule-schema.js';

/** Runs one condition through json-rules-engine with our operators, as a rule would. */
async function passes(operator: string, fact: unknown, value: unknown): Promise<boolean> {
  const engine = new Engine(
    [{ name: 'r', conditions: { all: [{ fact: 'f', operator, value }] }, event: { type: 'x' } }],
    { allowUndefinedFacts: true },
  );
  addOperators(engine);
  const facts: Record<string, unknown> = fact === undefined ? {} : { f: fact };
  const { results } = await engine.run(facts);
  return results.length === 1;
}

describe('operator documentation', () => {
  it('documents every operator the schema accepts', () => {
    expect(Object.keys(OPERATOR_DOCS).sort()).toEqual([...OPERATORS].sort());
  });

  const examples = Object.entries(OPERATOR_DOCS).flatMap(([op, doc]) =>
    doc.examples.map((e) => [op, JSON.stringify(e.fact) ?? 'missing', JSON.stringify(e.value), e] as const),
  );
  it.each(examples)('%s: fact %s, value %s behaves as documented', async (op, _f, _v, e) => {
    expect(await passes(op, e.fact, e.value)).toBe(e.passes);
  });

  it.each(Object.entries(OPERATOR_DOCS))('%s: the sample condition is valid JSON', (_, doc) => {
    expect(() => JSON.parse(doc.sample) as unknown).not.toThrow();
  });
});

describe('operators', () => {
  // [operator, fact value, condition value, passes]
  const cases: readonly [string, unknown, unknown, boolean][] = [
    // strict negations: a missing fact never passes
    ['notEqual', undefined, 'x', false],
    ['notEqual', null, 'x', false],
    ['notEqual', 'y', 'x', true],
    ['notEqual', 'x', 'x', false],
    ['notIn', undefined, ['a'], false],
    ['notIn', 'b', ['a'], true],
    ['notIn', 'a', ['a'], false],
    ['notIn', 'a', 'not-a-list', false],
    ['doesNotContain', undefined, 'a', false],
    ['doesNotContain', 'abc', 'a', false],
    ['doesNotContain', ['b'], 'a', true],
    // containsAny / containsAll / containsNone
    ['containsAny', ['a', 'b'], ['b', 'c'], true],
    ['containsAny', ['a'], ['b', 'c'], false],
    ['containsAny', 'b', ['b', 'c'], true],
    ['containsAny', [], ['b'], false],
    ['containsAny', undefined, ['b'], false],
    ['containsAny', [137, 143], [137], true],
    ['containsAll', ['a', 'b', 'c'], ['a', 'c'], true],
    ['containsAll', ['a'], ['a', 'c'], false],
    ['containsAll', undefined, ['a'], false],
    ['containsAll', ['a'], [], true],
    ['containsNone', ['a'], ['b'], true],
    ['containsNone', [], ['b'], true],
    ['containsNone', ['a', 'b'], ['b'], false],
    ['containsNone', null, ['b'], false],
    // between
    ['between', 5, [1, 10], true],
    ['between', 1, [1, 10], true],
    ['between', 10, [1, 10], true],
    ['between', 10.01, [1, 10], false],
    ['between', 0, [1, 10], false],
    ['between', '5', [1, 10], false],
    ['between', 5, [10, 1], false],
    ['between', 5, [1], false],
    ['between', 5, 3, false],
    ['between', Number.NaN, [1, 10], false],
    ['between', undefined, [1, 10], false],
    // withinPercentOf
    ['withinPercentOf', 350, [350, 0], true],
    ['withinPercentOf', 351, [350, 0], false],
    ['withinPercentOf', 315, [350, 10], true],
    ['withinPercentOf', 314, [350, 10], false],
    ['withinPercentOf', 385, [350, 10], true],
    ['withinPercentOf', 386, [350, 10], false],
    ['withinPercentOf', 75, 60, true],
    ['withinPercentOf', 76, 60, false],
    ['withinPercentOf', -9, [-10, 10], true],
    ['withinPercentOf', 60, 'sixty', false],
    ['withinPercentOf', undefined, 60, false],
    ['withinPercentOf', 60, [60], false],
    // increasedBy
    ['increasedBy', 5, 5, true],
    ['increasedBy', 4.9, 5, false],
    ['increasedBy', [1, 2, 10], 9, true],
    ['increasedBy', [10, 2, 1], 1, false],
    ['increasedBy', [7], 0, true],
    ['increasedBy', [], 0, false],
    ['increasedBy', 'lots', 1, false],
    ['increasedBy', 5, '1', false],
    // matches
    ['matches', 'a\nupstream reset\nb', 'upstream reset', true],
    ['matches', 'a\nUpstream Reset', { pattern: 'upstream reset', flags: 'i' }, true],
    ['matches', 'a\nUpstream Reset', { pattern: 'upstream reset' }, false],
    ['matches', ['x', 'the peer reset'], 'peer reset$', true],
    ['matches', 'line one\nline two', '^line two$', true],
    ['matches', 'line one\nline two', 'one\\nline', false],
    ['matches', undefined, 'x', false],
    ['matches', 42, 'x', false],
    ['matches', 'x', '(', false],
    ['matches', 'x', { notAPattern: true }, false],
    // built-ins keep their meaning
    ['equal', 5, 5, true],
    ['equal', '5', 5, false],
    ['in', 'b', ['a', 'b'], true],
    ['contains', ['a'], 'a', true],
    ['greaterThan', 0.91, 0.9, true],
    ['greaterThan', undefined, 0.9, false],
    ['lessThan', 4, 5, true],
    ['lessThanInclusive', 5, 5, true],
    ['greaterThanInclusive', 5, 5, true],
  ];

  it.each(cases)('%s(%j, %j) → %s', async (op, fact, value, expected) => {
    expect(await passes(op, fact, value)).toBe(expected);
  });

  it('replaces every json-rules-engine built-in with a strict version (the screen and the engine share them)', () => {
    const builtins = new Set([
      'equal',
      'notEqual',
      'lessThan',
      'lessThanInclusive',
      'greaterThan',
      'greaterThanInclusive',
      'in',
      'notIn',
      'contains',
      'doesNotContain',
    ]);
    const replaced = Object.keys(CUSTOM_OPERATORS).filter((k) => builtins.has(k));
    expect(replaced.sort()).toEqual([...builtins].sort());
  });

  it('reads each line of a long text only up to the line limit', () => {
    const long = `${'x'.repeat(MATCH_LINE_CHARS)}needle\nshort needle`;
    expect(firstMatchingLine(long, 'needle')).toBe('short needle');
    expect(firstMatchingLine(`${'x'.repeat(MATCH_LINE_CHARS + 10)}needle`, 'needle')).toBeUndefined();
  });

  it('compares a fact with another fact (withinPercentOf a timeout)', async () => {
    const engine = new Engine(
      [
        {
          name: 'r',
          conditions: {
            all: [{ fact: 'gap', operator: 'withinPercentOf', value: { fact: 'timeout' } }],
          },
          event: { type: 'x' },
        },
      ],
      { allowUndefinedFacts: true },
    );
    addOperators(engine);
    expect((await engine.run({ gap: 345, timeout: 350 })).results).toHaveLength(1);
    expect((await engine.run({ gap: 100, timeout: 350 })).results).toHaveLength(0);
    expect((await engine.run({ gap: 345 })).results).toHaveLength(0);
  });
});
