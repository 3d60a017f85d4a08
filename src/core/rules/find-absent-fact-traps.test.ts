import { describe, expect, it } from 'vitest';
import { findAbsentFactTraps } from './find-absent-fact-traps.js';
import type { TopLevelCondition } from './rule-schema.js';

const words = (fact: string) => fact.startsWith('words.');

describe('findAbsentFactTraps', () => {
  it('names the positive operator to wrap in not, for each negative one', () => {
    const conditions: TopLevelCondition = {
      all: [
        { fact: 'classes', operator: 'containsNone', value: ['crash'] },
        { fact: 'log.signatures', operator: 'doesNotContain', value: 'go_panic' },
        { fact: 'config.server', operator: 'notIn', value: ['node'] },
        { fact: 'capture.rstFrom', operator: 'notEqual', value: 'client' },
      ],
    };
    const traps = findAbsentFactTraps(conditions, words);
    expect(traps.map((t) => t.message.match(/"operator": "(\w+)"/)?.[1])).toEqual([
      'containsAny',
      'contains',
      'in',
      'equal',
    ]);
  });

  it('passes a negative test whose fact something around it requires, or that is always present', () => {
    const conditions: TopLevelCondition = {
      all: [
        { fact: 'classes', operator: 'containsAny', value: ['reset'] },
        { any: [{ all: [{ fact: 'classes', operator: 'containsNone', value: ['crash'] }] }] },
        { fact: 'words.hints', operator: 'containsNone', value: ['deploy'] },
        { not: { fact: 'log.phases', operator: 'containsNone', value: ['connect'] } },
      ],
    };
    expect(findAbsentFactTraps(conditions, words)).toEqual([]);
  });
});
