import { describe, expect, it } from 'vitest';
import { loadCore } from '../../compose.js';

const core = await loadCore();

describe('gatherFacts', () => {
  it('scans alert annotations and error labels for the errors they quote', () => {
    const g = core.gather({
      alert: {
        status: 'firing',
        labels: { alertname: 'UpstreamConnectFailures', service: 'reports', code: 'EADDRNOTAVAIL' },
        annotations: { summary: 'reports cannot connect to pricing: connect EADDRNOTAVAIL 10.0.0.5:443' },
      },
    });
    expect(g.facts.classes).toContain('port-exhausted');
    expect(g.facts['log.signatures']).toContain('generic_eaddrnotavail');
    expect(g.subject.service).toBe('reports');
  });

  it('takes an error on a loopback peer, also from the URL printed under it, for words saying localhost', () => {
    const g = core.gather({
      log: 'stream disconnected before completion: error sending request for url\n(http://127.0.0.1:4102/v1/responses)',
    });
    expect(g.facts['log.peers']).toEqual(['127.0.0.1:4102']);
    expect(g.facts['words.hints']).toContain('localhost');
    const remote = core.gather({
      log: 'read tcp 10.0.0.4:41318->45.60.65.113:443: read: connection reset by peer',
    });
    expect(remote.facts['words.hints'] ?? []).not.toContain('localhost');
  });

  it('holds that no words were told when only a log is given, so a rule that excludes words still fires', async () => {
    const g = core.gather({
      log: '2023/01/01 10:00:00 [alert] 31#31: worker process 1557 exited on signal 9',
    });
    expect(g.facts['words.hints']).toEqual([]);
    expect(g.facts['words.components']).toEqual([]);
    const d = await core.diagnose({
      log: '2023/01/01 10:00:00 [alert] 31#31: worker process 1557 exited on signal 9',
    });
    expect(d.hypotheses[0]?.rules).toContain('memory.sigkill-unexplained');
  });

  it('reads timeouts services print about themselves', () => {
    const g = core.gather({
      log: [
        '{"level":"info","service":"api","msg":"listening on :8080, keepAliveTimeout 1000 ms"}',
        '{"level":"info","service":"web","msg":"http client pool (idle 4000 ms)"}',
        '{"level":"error","service":"web","peer":"api","reusedSocket":true,"msg":"request failed: socket hang up"}',
      ].join('\n'),
    });
    expect(g.facts['config.serverKeepAliveS']).toBe(1);
    expect(g.facts['config.callerIdleS']).toBe(4);
    expect(g.facts['config.keepAliveOrderViolated']).toBe(true);
    expect(g.facts['log.classes']).toContain('stale-connection');
  });

  it('adds readings to own facts gathered earlier exactly as a fresh gather does, leaving them as they were', () => {
    const incident = {
      context: 'behind the ALB, fails after idle',
      log: 'Error: read ECONNRESET\n    at TCP.onStreamRead (node:internal/stream_base_commons:217:20)',
      alert: {
        status: 'firing',
        labels: { alertname: 'ResetsHigh', service: 'checkout', namespace: 'shop' },
      },
    };
    const fetched = {
      values: { cpu_usage_ratio: 0.95 },
      states: { cpu_usage_ratio: 'value' as const, listen_overflows: 'no-data' as const },
      degraded: false,
      warnings: ['one query was slow'],
      discovered: { pod: 'checkout-7d9f' },
    };
    const own = core.gatherOwn(incident);
    const before = structuredClone(own);
    expect(core.gather(incident, fetched, own)).toEqual(core.gather(incident, fetched));
    expect(core.gather(incident, undefined, own)).toEqual(core.gather(incident));
    expect(own).toEqual(before);
    expect(core.gather(incident, fetched, own).subject.pod).toBe('checkout-7d9f');
  });
});
