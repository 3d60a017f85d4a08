import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { waitFor } from './wait-for.js';

/** Debian's Alertmanager, started on a free port with a temp dir and a receiver that posts to the bot. */
export interface RunningAlertmanager {
  readonly url: string;
  /** Posts alerts to its API (what Prometheus does). */
  postAlerts(alerts: readonly unknown[]): Promise<void>;
  stop(): Promise<void>;
  readonly log: () => string;
}

export async function startAlertmanager(options: {
  readonly webhookUrl: string;
  readonly token: string;
}): Promise<RunningAlertmanager> {
  const dir = await mkdtemp(join(tmpdir(), 'rdt-am-'));
  const port = await freePort();
  const config = `route:
  receiver: bot
  group_by: ['alertname']
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h
receivers:
  - name: bot
    webhook_configs:
      - url: '${options.webhookUrl}'
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: '${options.token}'
`;
  await writeFile(join(dir, 'alertmanager.yml'), config);
  let log = '';
  const child: ChildProcess = spawn(
    'prometheus-alertmanager',
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=info',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (b: Buffer) => {
    log += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    log += b.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `Alertmanager on ${port}`,
    async () => (await fetch(`${url}/-/ready`).catch(() => undefined))?.status === 200,
    15_000,
    100,
  );
  return {
    url,
    log: () => log,
    async postAlerts(alerts) {
      const r = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!r.ok) throw new Error(`Alertmanager refused the alerts: ${r.status} ${await r.text()}`);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
