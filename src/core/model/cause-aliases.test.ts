import { describe, expect, it } from 'vitest';
import { parseWhyNot, resolveCause } from './cause-aliases.js';
import { CAUSES } from './causes.js';

describe('resolveCause', () => {
  it.each(CAUSES)('knows %s by its id', (c) => {
    expect(resolveCause(c)).toBe(c);
    expect(resolveCause(c.toUpperCase())).toBe(c);
  });

  it.each([
    ['keepalive', 'keepalive-mismatch'],
    ['Keep-Alive', 'keepalive-mismatch'],
    ['oom', 'memory-oom'],
    ['OOMKilled', 'memory-oom'],
    ['snat', 'port-exhaustion'],
    ['circuit breaker', 'proxy-limits'],
    ['conntrack', 'conntrack-exhaustion'],
    ['idle', 'idle-timeout-middlebox'],
    ['deploy', 'ungraceful-shutdown'],
    ['the keepalive issue', 'keepalive-mismatch'],
    ['port', 'port-exhaustion'],
    ['fd', 'fd-exhaustion'],
    ['413', 'unread-data-close'],
  ])('reads %s as %s', (text, cause) => {
    expect(resolveCause(text)).toBe(cause);
  });

  it.each(['', 'dns', 'the weather', 'c'])('finds nothing for %j', (text) => {
    expect(resolveCause(text)).toBeUndefined();
  });
});

describe('parseWhyNot', () => {
  it.each([
    ['why not keepalive', 'keepalive-mismatch'],
    ['why not keepalive?', 'keepalive-mismatch'],
    ['Why not the OOM killer?', 'memory-oom'],
    ['<@U024BE7LH> why not conntrack', 'conntrack-exhaustion'],
    ["why isn't it a deploy", 'ungraceful-shutdown'],
    ['why is it not network instability?', 'network-instability'],
  ])('%s → %s', (text, cause) => {
    expect(parseWhyNot(text)).toEqual({ kind: 'why-not', cause });
  });

  it('keeps what was asked when no cause fits', () => {
    expect(parseWhyNot('why not DNS?')).toEqual({ kind: 'why-not', unknown: 'DNS' });
  });

  it.each(['keepalive', 'what is wrong', 'why is it slow today', ''])(
    'is not a why-not question: %j',
    (text) => {
      expect(parseWhyNot(text)).toBeUndefined();
    },
  );
});
