import { describe, expect, it } from 'vitest';
import { findContradictions } from './find-contradictions.js';
import type { LeafCondition, TopLevelCondition } from './rule-schema.js';

const leaf = (
  fact: string,
  operator: LeafCondition['operator'],
  value: LeafCondition['value'],
): LeafCondition => ({
  fact,
  operator,
  value,
});

describe('findContradictions', () => {
  it.each<[string, LeafCondition[]]>([
    ['x > 5 and x < 3', [leaf('x', 'greaterThan', 5), leaf('x', 'lessThan', 3)]],
    ['x > 5 and x <= 5', [leaf('x', 'greaterThan', 5), leaf('x', 'lessThanInclusive', 5)]],
    ['x >= 5 and x < 5', [leaf('x', 'greaterThanInclusive', 5), leaf('x', 'lessThan', 5)]],
    ['between [1, 2] and > 2', [leaf('x', 'between', [1, 2]), leaf('x', 'greaterThan', 2)]],
    ['equal 1 and equal 2', [leaf('x', 'equal', 1), leaf('x', 'equal', 2)]],
    ['equal "a" and equal "b"', [leaf('x', 'equal', 'a'), leaf('x', 'equal', 'b')]],
    ['equal 7 and > 9', [leaf('x', 'equal', 7), leaf('x', 'greaterThan', 9)]],
    ['equal "a" and notEqual "a"', [leaf('x', 'equal', 'a'), leaf('x', 'notEqual', 'a')]],
    ['equal "a" and notIn ["a"]', [leaf('x', 'equal', 'a'), leaf('x', 'notIn', ['a'])]],
    ['in [a, b] and equal c', [leaf('x', 'in', ['a', 'b']), leaf('x', 'equal', 'c')]],
    ['in [a] and notIn [a]', [leaf('x', 'in', ['a']), leaf('x', 'notIn', ['a'])]],
    [
      'containsAll [a] and containsNone [a]',
      [leaf('t', 'containsAll', ['a']), leaf('t', 'containsNone', ['a', 'b'])],
    ],
    ['contains a and doesNotContain a', [leaf('t', 'contains', 'a'), leaf('t', 'doesNotContain', 'a')]],
    [
      'containsAny [a, b] and containsNone [a, b]',
      [leaf('t', 'containsAny', ['a', 'b']), leaf('t', 'containsNone', ['b', 'a'])],
    ],
  ])('finds %s', (_, leaves) => {
    const found = findContradictions({ all: leaves });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toEqual(['conditions', 'all', leaves.length - 1]);
    expect(found[0]?.with).toEqual([['conditions', 'all', 0]]);
  });

  it.each<[string, TopLevelCondition]>([
    ['x > 3 and x < 5', { all: [leaf('x', 'greaterThan', 3), leaf('x', 'lessThan', 5)] }],
    ['x >= 5 and x <= 5', { all: [leaf('x', 'greaterThanInclusive', 5), leaf('x', 'lessThanInclusive', 5)] }],
    ['the same bounds on different facts', { all: [leaf('x', 'greaterThan', 5), leaf('y', 'lessThan', 3)] }],
    ['x > 5 or x < 3', { any: [leaf('x', 'greaterThan', 5), leaf('x', 'lessThan', 3)] }],
    [
      'x > 5 and not x > 3 (not is its own scope)',
      { all: [leaf('x', 'greaterThan', 5), { not: leaf('x', 'greaterThan', 3) }] },
    ],
    [
      'containsAny [a, b] and containsNone [a]',
      { all: [leaf('t', 'containsAny', ['a', 'b']), leaf('t', 'containsNone', ['a'])] },
    ],
    ['values from other facts', { all: [leaf('x', 'greaterThan', { fact: 'y' }), leaf('x', 'lessThan', 3)] }],
  ])('accepts %s', (_, conditions) => {
    expect(findContradictions(conditions)).toEqual([]);
  });

  it('looks into nested all, any and not', () => {
    const found = findContradictions({
      any: [
        leaf('z', 'equal', 1),
        { not: { all: [leaf('x', 'lessThan', 1), { all: [leaf('x', 'greaterThan', 2)] }] } },
      ],
    });
    expect(found.map((c) => c.path)).toEqual([['conditions', 'any', 1, 'not', 'all', 1, 'all', 0]]);
  });
});
