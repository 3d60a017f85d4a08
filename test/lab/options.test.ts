import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorLabel } from '../../lab/http-client.js';
import { describeOptions, LAB_VARIABLES, parseLabOptions, SCENARIOS } from '../../lab/options.js';
import { REPO_ROOT } from '../support/paths.js';

describe('lab options', () => {
  it('defaults to every scenario, with the fault on', () => {
    const r = parseLabOptions([], {});
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.options.scenarios).toEqual([...SCENARIOS]);
    expect(r.options).toMatchObject({
      mode: 'fault',
      port: 9464,
      host: '127.0.0.1',
      keepaliveTimeoutMs: 1000,
      poolIdleMs: 4000,
    });
    expect(r.options.pauseMs).toEqual([1950, 2050]);
  });

  it('reads the environment, and a flag wins over its variable', () => {
    const r = parseLabOptions(['--mode', 'fixed', '--scenarios=crash'], {
      LAB_MODE: 'fault',
      LAB_SCENARIOS: 'keepalive',
      LAB_PORT: '0',
      LAB_PAUSE_MS: '100-200',
    });
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.options).toMatchObject({ mode: 'fixed', scenarios: ['crash'], port: 0, pauseMs: [100, 200] });
  });

  it.each([
    [['--scenarios', 'keepalive,nope'], {}, /--scenarios \/ LAB_SCENARIOS/],
    [[], { LAB_PAUSE_MS: '2050-1950' }, /--pause-ms \/ LAB_PAUSE_MS: MIN must not exceed MAX/],
    [[], { LAB_PORTS: '100000' }, /--ports \/ LAB_PORTS/],
    [['--tls-cert', '/x.crt'], {}, /--tls-cert and --tls-key go together/],
    [['--no-such-flag'], {}, /no-such-flag/],
  ])('rejects %j %j', (argv, env, problem) => {
    const r = parseLabOptions(argv, env);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join('\n')).toMatch(problem);
  });

  it('reports every problem at once', () => {
    const r = parseLabOptions(['--mode', 'x', '--rate', '0'], { LAB_PORT: 'eighty' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toHaveLength(3);
  });

  it('lab/README.md lists every variable', async () => {
    const readme = await readFile(join(REPO_ROOT, 'lab/README.md'), 'utf8');
    for (const v of LAB_VARIABLES) expect(readme, v).toContain(`\`${v}\``);
  });

  it('names every variable LAB_*, once, and documents each', () => {
    expect(new Set(LAB_VARIABLES).size).toBe(LAB_VARIABLES.length);
    for (const v of LAB_VARIABLES) expect(v).toMatch(/^LAB_[A-Z_]+$/);
    for (const o of describeOptions()) expect(o.doc.length).toBeGreaterThan(10);
  });
});

describe('error labels', () => {
  it.each([
    ['connect EADDRNOTAVAIL 127.0.0.1:18080 - Local (0.0.0.0:0)', 'connect EADDRNOTAVAIL'],
    ['connect ECONNREFUSED 127.0.0.1:41007', 'connect ECONNREFUSED'],
    ['connect ECONNREFUSED ::1:8080', 'connect ECONNREFUSED'],
    ['socket hang up', 'socket hang up'],
    ['read ECONNRESET', 'read ECONNRESET'],
    ['write EPIPE', 'write EPIPE'],
  ])('%s -> %s', (message, label) => {
    expect(errorLabel(new Error(message))).toBe(label);
  });
});
