import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { REPO_ROOT } from './paths.js';
import { type ManagedProcess, startProcess } from './processes.js';
import { freePort, waitForHttp } from './wait.js';

/**
 * A real Alertmanager (the Debian package's binary) on a free port with temporary storage and clustering
 * off, running a given configuration file (deploy/alertmanager/alertmanager.yml by default) with every webhook
 * pointed at this test's receiver and its bearer token written to a file (as the compose secret is).
 */

export const DEPLOY_ALERTMANAGER_CONFIG = join(REPO_ROOT, 'deploy/alertmanager/alertmanager.yml');

export interface StartAlertmanagerOptions {
  readonly configFile?: string;
  /** Where every webhook receiver posts. */
  readonly webhookUrl: string;
  /** Bearer token every webhook sends (written to a file, referenced by credentials_file). */
  readonly bearerToken?: string;
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  readonly binary?: string;
}

export interface AlertmanagerProcess {
  readonly url: string;
  /** host:port, for Prometheus's alerting configuration. */
  readonly address: string;
  readonly process: ManagedProcess;
  readonly config: Record<string, unknown>;
  stop(): Promise<void>;
}

const Receiver = z
  .object({ name: z.string(), webhook_configs: z.array(z.record(z.string(), z.unknown())).optional() })
  .passthrough();
const Config = z
  .object({ route: z.record(z.string(), z.unknown()), receivers: z.array(Receiver) })
  .passthrough();

export async function startAlertmanager(options: StartAlertmanagerOptions): Promise<AlertmanagerProcess> {
  const config = Config.parse(
    parse(await readFile(options.configFile ?? DEPLOY_ALERTMANAGER_CONFIG, 'utf8')),
  );
  const dir = await mkdtemp(join(tmpdir(), 'reset-doctor-alertmanager-'));
  const tokenFile = join(dir, 'token');
  if (options.bearerToken !== undefined) await writeFile(tokenFile, options.bearerToken, { mode: 0o600 });
  const receivers = config.receivers.map((r) => ({
    ...r,
    ...(r.webhook_configs
      ? {
          webhook_configs: r.webhook_configs.map((w) => {
            const { http_config: _old, ...rest } = w;
            return {
              ...rest,
              url: options.webhookUrl,
              ...(options.bearerToken === undefined
                ? {}
                : { http_config: { authorization: { type: 'Bearer', credentials_file: tokenFile } } }),
            };
          }),
        }
      : {}),
  }));
  const route = {
    ...config.route,
    ...(options.groupWait ? { group_wait: options.groupWait } : {}),
    ...(options.groupInterval ? { group_interval: options.groupInterval } : {}),
    ...(options.repeatInterval ? { repeat_interval: options.repeatInterval } : {}),
  };
  const effective = { ...config, route, receivers };
  const file = join(dir, 'alertmanager.yml');
  await writeFile(file, stringify(effective));
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const proc = startProcess(
    'alertmanager',
    options.binary ?? process.env.ALERTMANAGER_BIN ?? 'prometheus-alertmanager',
    [
      `--config.file=${file}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=${address}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
  );
  const url = `http://${address}`;
  try {
    await waitForHttp(`${url}/-/ready`, { timeoutMs: 30_000 });
  } catch (e) {
    await proc.stop();
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${proc.output().slice(-3000)}`);
  }
  return {
    url,
    address,
    process: proc,
    config: effective,
    async stop() {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
