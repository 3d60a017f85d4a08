import { describe, expect, it } from 'vitest';
import { bearerMatches } from './alertmanager-route.js';

describe('bearerMatches', () => {
  it.each([
    ['Bearer s3cret', true],
    ['bearer s3cret', true],
    ['Bearer  s3cret ', true],
    ['Bearer s3cre', false],
    ['Bearer s3cret2', false],
    ['Bearer ', false],
    ['Basic czNjcmV0', false],
    ['s3cret', false],
    [undefined, false],
  ])('%s → %s', (header, ok) => {
    expect(bearerMatches(header, 's3cret')).toBe(ok);
  });
});
