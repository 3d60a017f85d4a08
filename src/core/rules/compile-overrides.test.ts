import { describe, expect, it } from 'vitest';
import { globMatch } from './compile-overrides.js';

describe('globMatch', () => {
  it.each([
    ['legacy-*', 'legacy-billing', true],
    ['legacy-*', 'legacy-', true],
    ['legacy-*', 'new-legacy-billing', false],
    ['*-api', 'orders-api', true],
    ['*', '', true],
    ['', '', true],
    ['', 'x', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*a*b*', 'xxaxxbxx', true],
    ['*a*b*', 'xxbxxaxx', false],
    ['keepalive.*', 'keepalive.node-behind-lb', true],
    ['keepalive.*', 'keepalive', false],
    ['exact', 'exact', true],
    ['exact', 'Exact', false],
    ['a.b', 'axb', false],
    [`${'*a'.repeat(20)}`, 'a'.repeat(19), false],
  ])('%j matches %j: %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });
});
