import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusMetricsSource } from '../../src/adapters/prometheus/create-prometheus-metrics-source.js';
import { metricFactsForRules } from '../../src/core/facts/plan-metric-queries.js';
import type { Incident } from '../../src/core/model/incident.js';
import { bundledCore } from '../support/core.js';
import { freePort } from '../support/prometheus.js';

/**
 * Prometheus down, failing or slow: the diagnosis still arrives, from logs, words and the alert, marked
 * degraded, with the facts it could not fetch listed. The servers here are real HTTP servers that behave
 * like a broken Prometheus (or like something else answering in its place).
 */

const core = await bundledCore();
const FACTS = metricFactsForRules(core.ruleSet, core.catalogue);
const INCIDENT: Incident = {
  service: 'cart',
  namespace: 'shop',
  pod: 'cart-1',
  node: 'node-a',
  peer: 'payments',
  log: 'Error: connect EMFILE 10.0.0.5:443 - Local (undefined:undefined)\nError: accept EMFILE: too many open files',
};

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Handler) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return `http://127.0.0.1:${port}`;
}

async function diagnose(
  url: string,
  options: Partial<Parameters<typeof createPrometheusMetricsSource>[0]> = {},
) {
  const source = createPrometheusMetricsSource({ url, catalogue: core.catalogue, ...options });
  const { subject, at } = core.gather(INCIDENT);
  const fetched = await source.fetch({ subject, facts: FACTS, ...(at === undefined ? {} : { at }) });
  return { source, fetched, diagnosis: await core.diagnose(INCIDENT, { fetched }) };
}

function expectDegradedButDiagnosed(
  r: Awaited<ReturnType<typeof diagnose>>,
  warning: RegExp,
  states: readonly string[] = ['error'],
) {
  expect(r.fetched.degraded).toBe(true);
  expect(r.diagnosis.degraded).toBe(true);
  expect(r.diagnosis.facts['incident.degraded']).toBe(true);
  // The log still speaks.
  expect(r.diagnosis.hypotheses[0]?.cause).toBe('fd-exhaustion');
  // Every fact the rules read has a state; none has a value.
  expect(Object.keys(r.fetched.states).sort()).toEqual([...FACTS].sort());
  expect(r.fetched.values).toEqual({});
  expect([...new Set(Object.values(r.fetched.states))].sort()).toEqual([...states].sort());
  expect(r.diagnosis.warnings.join('\n')).toMatch(warning);
  // The unfetched facts are listed, with how to get them.
  const missing = r.diagnosis.hypotheses.flatMap((h) => h.missing).join('\n');
  expect(missing).toMatch(/fd_usage_ratio \(query failed\)/);
}

describe('when Prometheus is unreachable', () => {
  it('answers from the log, degraded, listing what it could not fetch', async () => {
    const port = await freePort();
    const r = await diagnose(`http://127.0.0.1:${port}`);
    expectDegradedButDiagnosed(r, /unreachable: ECONNREFUSED.*fact\(s\) not fetched: /);
  });

  it('does not knock again for every fact or every incident while it is down', async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests++;
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
    });
    const first = await diagnose(url, { concurrency: 2 });
    expectDegradedButDiagnosed(first, /answered HTTP 502 without a Prometheus API response/);
    // The first failures open the way out for the rest: far fewer requests than facts.
    expect(requests).toBeLessThanOrEqual(4);
    const again = await first.source.fetch({
      subject: { service: 'cart', namespace: 'shop', node: 'node-a', peer: 'payments' },
      facts: FACTS,
    });
    expect(again.degraded).toBe(true);
    expect(requests).toBeLessThanOrEqual(4);
  });
});

describe('when Prometheus answers with errors', () => {
  it.each([
    [
      'an error envelope',
      422,
      'application/json',
      '{"status":"error","errorType":"execution","error":"query processing would load too many samples"}',
      /refused the query \(execution\): query processing would load too many samples/,
    ],
    ['a 503 page', 503, 'text/plain', 'Service Unavailable', /HTTP 503 without a Prometheus API response/],
    ['an invalid envelope', 200, 'application/json', '{"status":"ok","data":[]}', /invalid API envelope/],
    [
      'a result of the wrong shape',
      200,
      'application/json',
      '{"status":"success","data":{"resultType":"vector","result":[{"value":"1"}]}}',
      /unexpected/,
    ],
  ])('%s', async (_, status, type, body, warning) => {
    const url = await serve((_req, res) => {
      res.writeHead(status, { 'content-type': type }).end(body);
    });
    expectDegradedButDiagnosed(await diagnose(url), warning);
  });

  it('passes on Prometheus warnings', async () => {
    const url = await serve((req, res) => {
      const ok = req.url?.includes('/label/')
        ? '{"status":"success","data":[],"warnings":["some store is down"]}'
        : '{"status":"success","data":{"resultType":"vector","result":[]},"warnings":["some store is down"]}';
      res.writeHead(200, { 'content-type': 'application/json' }).end(ok);
    });
    const r = await diagnose(url);
    expect(r.fetched.degraded).toBe(false);
    expect(r.fetched.warnings).toContain('Prometheus: some store is down');
    // Nothing is scraped on this "Prometheus".
    expect(r.fetched.states.fd_usage_ratio).toBe('not-scraped');
  });
});

describe('when Prometheus is slow', () => {
  it('answers at the deadline when Prometheus never answers', async () => {
    const held: ServerResponse[] = [];
    const url = await serve((_req, res) => {
      held.push(res);
    });
    const r = await diagnose(url, { deadlineMs: 300, queryTimeoutMs: 60_000 });
    expectDegradedButDiagnosed(r, /did not answer within the 300 ms deadline; \d+ fact\(s\) not fetched/);
    expect(held.length).toBeGreaterThan(0);
  });

  it('ignores answers that come after the deadline and stops waiting for them', async () => {
    let closedEarly = 0;
    let answered = 0;
    const url = await serve((req, res) => {
      res.on('close', () => {
        if (!res.writableEnded) closedEarly++;
      });
      const timer = setTimeout(() => {
        answered++;
        const data = req.url?.includes('/label/')
          ? '{"status":"success","data":["process_open_fds","process_max_fds"]}'
          : '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"0.99"]}]}}';
        res.writeHead(200, { 'content-type': 'application/json' }).end(data);
      }, 1500);
      req.on('close', () => clearTimeout(timer));
    });
    const r = await diagnose(url, { deadlineMs: 200, concurrency: 4 });
    const snapshot = JSON.stringify(r.fetched);
    expectDegradedButDiagnosed(r, /did not answer within the 200 ms deadline/);
    // The abandoned requests are cancelled: the server sees them closed, none answered.
    await expect.poll(() => closedEarly, { timeout: 5000 }).toBeGreaterThanOrEqual(4);
    expect(answered).toBe(0);
    expect(JSON.stringify(r.fetched)).toBe(snapshot);
  });
});
