import { afterAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/core/model/incident.js';
import { bundledCore } from '../support/core.js';
import { type LabProcess, startLab } from '../support/lab.js';
import { stopAllProcesses } from '../support/processes.js';
import { type Sample, sumOf } from '../support/prom-text.js';
import { waitFor } from '../support/wait.js';

/**
 * Each lab scenario, run for real: its client and server talk over loopback sockets until the client has seen
 * the reset the scenario is about. Then (1) the client logged the real Node error text, (2) its metrics
 * counted it, (3) reset-doctor, given those logs and metrics, ranks the scenario's cause first, and (4) the
 * same traffic with the fix applied (--mode fixed) produces no transport error at all.
 */

afterAll(stopAllProcesses);

interface Case {
  readonly scenario: string;
  readonly cause: string;
  readonly client: string;
  readonly server: string;
  /** Node error codes the client must have counted. */
  readonly codes: readonly string[];
  readonly minErrors: number;
  /** Real error text in the client's log. */
  readonly clientSays: RegExp;
  /** What the other side (or the supervisor) logged. */
  readonly serverSays: RegExp;
  readonly extraArgs?: readonly string[];
  readonly also?: (lab: LabProcess, client: readonly Sample[], server: readonly Sample[]) => Promise<void>;
}

const CASES: readonly Case[] = [
  {
    scenario: 'keepalive',
    cause: 'keepalive-mismatch',
    client: 'checkout',
    server: 'inventory',
    codes: ['ECONNRESET'],
    minErrors: 3,
    clientSays:
      /"reusedSocket":true,"idleMs":\d+,"err":\{"type":"Error","message":"(?:socket hang up|read ECONNRESET)"/,
    serverSays: /keepAliveTimeout 1000 ms/,
    also: async (_lab, client) => {
      // Every failure was on a pooled connection that had sat idle for about the server's close time.
      expect(sumOf(client, 'lab_client_errors_total', { reused_socket: 'false' })).toBe(0);
      expect(sumOf(client, 'lab_client_socket_idle_seconds_count', { outcome: 'error' })).toBeGreaterThan(0);
      expect(sumOf(client, 'lab_client_socket_idle_seconds_bucket', { outcome: 'error', le: '1.5' })).toBe(0);
    },
  },
  {
    scenario: 'unread-body',
    cause: 'unread-data-close',
    client: 'gallery',
    server: 'media',
    codes: ['EPIPE', 'ECONNRESET'],
    minErrors: 2,
    clientSays: /"bodyBytes":8388608,"err":\{"type":"Error","message":"(?:write EPIPE|read ECONNRESET)"/,
    serverSays: /PayloadTooLargeError: request entity too large/,
    also: async (_lab, client, server) => {
      expect(sumOf(server, 'lab_server_requests_total', { status: '413' })).toBeGreaterThanOrEqual(2);
      // Small uploads go through: only the ones over the limit fail.
      expect(sumOf(client, 'lab_client_requests_total', { outcome: 'ok' })).toBeGreaterThan(0);
    },
  },
  {
    scenario: 'crash',
    cause: 'crash',
    client: 'orders',
    server: 'payments',
    codes: ['ECONNRESET'],
    minErrors: 1,
    clientSays: /failed: (?:socket hang up|read ECONNRESET)"/,
    serverSays: /uncaughtException: Cannot read properties of undefined \(reading 'last4'\)/,
    also: async (lab) => {
      const supervisor = await lab.metrics('lab');
      expect(sumOf(supervisor, 'lab_service_restarts_total', { service: 'payments' })).toBeGreaterThanOrEqual(
        1,
      );
      expect(sumOf(supervisor, 'lab_service_last_exit_code', { service: 'payments' })).toBe(1);
      expect(lab.logs()).toMatch(/"msg":"payments exited with code 1; restarting in \d+ ms \(restart 1\)"/);
    },
  },
  {
    scenario: 'port-exhaustion',
    cause: 'port-exhaustion',
    client: 'batch-export',
    server: 'catalog',
    codes: ['EADDRNOTAVAIL'],
    minErrors: 20,
    clientSays: /failed: connect EADDRNOTAVAIL 127\.0\.0\.1:\d+ - Local \(0\.0\.0\.0:0\)"/,
    serverSays: /catalog listening on/,
    extraArgs: ['--max-failures', '40'],
    also: async (lab) => {
      // Bounded: the private range has 64 ports and the client pauses after 40 failed connects.
      await lab.process.waitForOutput(/40 failed connections to catalog; pausing for 30000 ms/, 30_000);
      const client = await lab.metrics('batch-export');
      expect(sumOf(client, 'lab_client_ephemeral_ports')).toBe(64);
      expect(sumOf(client, 'lab_client_time_wait_sockets')).toBeGreaterThan(0);
      expect(sumOf(client, 'lab_client_time_wait_sockets')).toBeLessThanOrEqual(64);
      expect(sumOf(client, 'lab_client_connections_opened_total')).toBeLessThanOrEqual(64);
      // Workers already waiting on a connect when the 40th failure came in may add a few.
      expect(sumOf(client, 'lab_client_errors_total')).toBeGreaterThanOrEqual(40);
      expect(sumOf(client, 'lab_client_errors_total')).toBeLessThan(40 + 16);
    },
  },
  {
    scenario: 'tls-plaintext',
    cause: 'protocol-mismatch',
    client: 'billing',
    server: 'ledger',
    codes: ['ECONNRESET'],
    minErrors: 3,
    clientSays: /"err":\{"type":"Error","message":"socket hang up"/,
    serverSays:
      /"code":"ERR_SSL_HTTP_REQUEST".*TLS handshake failed: .*SSL routines:ssl3_get_record:http request/,
    also: async (_lab, client, server) => {
      expect(
        sumOf(server, 'lab_server_tls_handshake_errors_total', { code: 'ERR_SSL_HTTP_REQUEST' }),
      ).toBeGreaterThanOrEqual(3);
      expect(sumOf(client, 'lab_client_requests_total', { outcome: 'ok' })).toBe(0);
    },
  },
];

/** Readings an operator would take from these services' metrics, under the catalogue's names. */
function readings(c: Case, client: readonly Sample[], supervisor: readonly Sample[]): Incident['metrics'] {
  const requests = sumOf(client, 'lab_client_requests_total');
  return {
    restarts: sumOf(supervisor, 'lab_service_restarts_total', { service: c.server }),
    error_ratio: requests > 0 ? sumOf(client, 'lab_client_errors_total') / requests : 0,
  };
}

describe.each(CASES)('lab scenario $scenario', (c) => {
  it(`produces real ${c.codes.join('/')} with real sockets, and reset-doctor ranks ${c.cause} first; --mode fixed produces none`, async () => {
    const args = c.extraArgs ?? [];
    const [fault, fixed] = await Promise.all([
      startLab({ scenarios: [c.scenario], args }),
      startLab({ scenarios: [c.scenario], mode: 'fixed', args }),
    ]);
    const startedAt = Date.now();
    const client = await waitFor(
      `${c.minErrors} transport errors in ${c.client}`,
      async () => {
        const m = await fault.metrics(c.client);
        return sumOf(m, 'lab_client_errors_total') >= c.minErrors ? m : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    if (c.scenario === 'crash') {
      await waitFor('a restart of payments', async () =>
        sumOf(await fault.metrics('lab'), 'lab_service_restarts_total') >= 1 ? true : undefined,
      );
    }
    // A crashed server cannot be scraped until it is back (Prometheus would record up == 0).
    const server = await waitFor(`metrics of ${c.server}`, () => fault.metrics(c.server));
    const supervisor = await fault.metrics('lab');

    // 1. The client logged the real Node error text; the server side logged its part.
    const clientLog = fault.logsOf(c.client);
    expect(clientLog).toMatch(c.clientSays);
    expect(fault.logsOf(c.server)).toMatch(c.serverSays);

    // 2. The metrics counted it, by the real error code.
    const counted = c.codes.reduce((n, code) => n + sumOf(client, 'lab_client_errors_total', { code }), 0);
    expect(counted).toBeGreaterThanOrEqual(Math.min(c.minErrors, 1));
    await c.also?.(fault, client, server);

    // 3. reset-doctor, from these services' logs and metrics, names the scenario's cause first.
    const core = await bundledCore();
    const diagnosis = await core.diagnose({
      log: fault.logsOf(c.client, c.server),
      metrics: readings(c, client, supervisor),
    });
    const ranking = diagnosis.hypotheses.map(
      (h) => `${h.cause} ${h.confidence.toFixed(2)} [${h.rules.join(', ')}]`,
    );
    expect(diagnosis.hypotheses[0]?.cause, ranking.join('\n')).toBe(c.cause);

    // 4. The same traffic with the fix applied, started together and watched at least 10 s: no transport error.
    await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - startedAt))));
    const fixedClient = await fixed.metrics(c.client);
    expect(sumOf(fixedClient, 'lab_client_requests_total')).toBeGreaterThan(0);
    expect(sumOf(fixedClient, 'lab_client_errors_total'), fixed.logsOf(c.client).slice(-3000)).toBe(0);

    await Promise.all([fault.stop(), fixed.stop()]);
  }, 120_000);
});
