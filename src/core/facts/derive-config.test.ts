import { describe, expect, it } from 'vitest';
import { deriveConfig, UNLIMITED_S } from './derive-config.js';

const base = { components: [], runtimes: [], hints: [] } as const;

describe('deriveConfig', () => {
  it("takes a Python log for requests' pool, which never expires idle connections", () => {
    const c = deriveConfig({ ...base, runtimes: ['python'] });
    expect(c.caller).toBe('python-requests');
    expect(c.callerIdleS).toBe(UNLIMITED_S);
  });

  it("does not take a runtime's log for its HTTP pool beside a client of another protocol", () => {
    for (const other of ['kafka', 'redis', 'amqp', 'postgres', 'mysql', 'database']) {
      const c = deriveConfig({ ...base, components: [other], runtimes: ['python', 'go'] });
      expect(c.caller, other).toBeUndefined();
      expect(c.callerIdleS, other).toBeUndefined();
    }
  });

  it("takes a Rust log for hyper's pool, which drops idle connections after 90 s", () => {
    expect(deriveConfig({ ...base, runtimes: ['rust'] })).toMatchObject({ caller: 'hyper', callerIdleS: 90 });
  });

  it("takes Finch's pool as one that never expires idle connections", () => {
    expect(deriveConfig({ ...base, components: ['finch'] })).toMatchObject({
      caller: 'finch',
      callerIdleS: UNLIMITED_S,
    });
  });

  it('flags a server keep-alive shorter than the caller pool', () => {
    const c = deriveConfig({ ...base, components: ['alb', 'node'] });
    expect(c).toMatchObject({ server: 'node', serverKeepAliveS: 5, caller: 'alb', callerIdleS: 60 });
    expect(c.keepAliveOrderViolated).toBe(true);
  });
});
