import { get } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SCENARIOS } from '../../lab/options.js';
import { startLab } from '../support/lab.js';
import { REPO_ROOT } from '../support/paths.js';
import { startProcess, stopAllProcesses } from '../support/processes.js';
import { sumOf } from '../support/prom-text.js';
import { waitFor } from '../support/wait.js';

/** The built lab (dist/lab/main.js, what the Docker image runs): its command line, endpoints and shutdown. */

afterAll(stopAllProcesses);

const HttpSd = z.array(
  z.object({
    targets: z.array(z.string().regex(/^[\w.-]+:\d+$/)).length(1),
    labels: z.record(z.string(), z.string()),
  }),
);

function getWithHost(url: string, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the built lab (dist/lab/main.js)', () => {
  it('--help lists every option with its variable, and every scenario with its cause', async () => {
    const p = startProcess('lab --help', process.execPath, ['dist/lab/main.js', '--help'], {
      cwd: REPO_ROOT,
    });
    const exit = await p.exited;
    expect(exit.code, p.output()).toBe(0);
    for (const s of SCENARIOS) expect(p.output()).toContain(s);
    expect(p.output()).toMatch(/--keepalive-timeout-ms\s+LAB_KEEPALIVE_TIMEOUT_MS\s+1000/);
    expect(p.output()).toContain('keepalive (keepalive-mismatch)');
  });

  it('reports every bad option at once and exits 2', async () => {
    const p = startProcess(
      'lab bad options',
      process.execPath,
      ['dist/lab/main.js', '--mode', 'broken', '--scenarios', 'keepalive,nope', '--port', '99999'],
      { cwd: REPO_ROOT, env: { LAB_RATE: '-1' } },
    );
    const exit = await p.exited;
    expect(exit.code).toBe(2);
    const out = p.output();
    expect(out).toMatch(/--scenarios \/ LAB_SCENARIOS: .*nope|--scenarios \/ LAB_SCENARIOS/);
    expect(out).toMatch(/--mode \/ LAB_MODE/);
    expect(out).toMatch(/--port \/ LAB_PORT/);
    expect(out).toMatch(/--rate \/ LAB_RATE/);
  });

  it('serves service discovery, every service metrics and readiness, and stops its services on SIGTERM', async () => {
    const lab = await startLab({ scenarios: ['keepalive'], built: true });
    // Prometheus asks with the lab's name as the Host; the targets it gets back use that name.
    const targets = HttpSd.parse(JSON.parse(await getWithHost(lab.targetsUrl, `lab:${lab.port}`)));
    expect(targets.map((t) => t.labels.service ?? t.labels.component).sort()).toEqual([
      'checkout',
      'inventory',
      'supervisor',
    ]);
    for (const t of targets) {
      expect(t.targets).toEqual([`lab:${lab.port}`]);
      expect(t.labels.namespace).toBe('lab');
    }
    const checkout = targets.find((t) => t.labels.service === 'checkout');
    expect(checkout?.labels.__metrics_path__).toBe('/services/checkout/metrics');
    expect(checkout?.labels.scenario).toBe('keepalive');

    const supervisor = await lab.metrics('lab');
    expect(
      sumOf(supervisor, 'lab_scenario_info', {
        scenario: 'keepalive',
        cause: 'keepalive-mismatch',
        mode: 'fault',
      }),
    ).toBe(1);
    expect(sumOf(supervisor, 'lab_service_up')).toBe(2);
    const server = await lab.metrics('inventory');
    expect(sumOf(server, 'lab_server_keepalive_timeout_seconds')).toBe(1);
    expect(server.some((s) => s.name === 'process_start_time_seconds')).toBe(true);
    await waitFor('a request from checkout', async () =>
      sumOf(await lab.metrics('checkout'), 'lab_client_requests_total') > 0 ? true : undefined,
    );
    expect((await fetch(`${lab.url}/services/nobody/metrics`)).status).toBe(404);
    const scenarios = z
      .array(
        z.object({
          scenario: z.string(),
          cause: z.string(),
          services: z.array(z.object({ up: z.boolean() })),
        }),
      )
      .parse(await (await fetch(`${lab.url}/scenarios`)).json());
    expect(scenarios).toEqual([
      expect.objectContaining({ scenario: 'keepalive', cause: 'keepalive-mismatch' }),
    ]);

    const pids = [...lab.logs().matchAll(/is up \(pid (\d+)\)/g)].map((m) => Number(m[1]));
    expect(pids).toHaveLength(2);
    const exit = await lab.process.stop(10_000);
    expect(exit.code).toBe(0);
    await waitFor('the services to exit', () => (pids.some(isAlive) ? undefined : true), {
      timeoutMs: 10_000,
    });
  });

  it('refuses to exhaust the ports of a network namespace with a wide range', async () => {
    const p = startProcess(
      'lab --isolation none',
      process.execPath,
      ['dist/lab/main.js', '--port', '0', '--scenarios', 'port-exhaustion', '--isolation', 'none'],
      { cwd: REPO_ROOT },
    );
    const out = await p.waitForOutput(/not restarting/, 20_000);
    expect(out).toMatch(
      /refusing to exhaust ports: this network namespace has \d+ ephemeral ports \(more than 1024\)/,
    );
    expect(out).toMatch(/batch-export exited with code 78; not restarting/);
    expect(out).not.toMatch(/EADDRNOTAVAIL/);
    const port = Number(/"port":(\d+)/.exec(out)?.[1]);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(503);
    await p.stop();
  });
});
