import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { REPO_ROOT } from './paths.js';
import { type ManagedProcess, startProcess } from './processes.js';
import { freePort, waitFor, waitForHttp } from './wait.js';

/**
 * A real Prometheus (the Debian package's binary) on a free port with temporary storage, running a given
 * configuration file (deploy/prometheus/prometheus.yml by default) with the addresses of this test: scrape
 * jobs pointed at local targets, alerts sent to a local Alertmanager, and optionally shorter intervals.
 * Jobs the test does not point anywhere are dropped; rule files are used as they are.
 */

export const DEPLOY_PROMETHEUS_CONFIG = join(REPO_ROOT, 'deploy/prometheus/prometheus.yml');

export interface StartPrometheusOptions {
  readonly configFile?: string;
  /** job name → static targets (host:port) */
  readonly staticTargets?: Readonly<Record<string, readonly string[]>>;
  /** job name → HTTP service discovery URL(s) */
  readonly httpSd?: Readonly<Record<string, string | readonly string[]>>;
  /** host:port of Alertmanagers; without it, alerting is removed from the configuration. */
  readonly alertmanagers?: readonly string[];
  readonly scrapeInterval?: string;
  readonly evaluationInterval?: string;
  /** Replace the configuration's rule files (absolute paths or globs). */
  readonly ruleFiles?: readonly string[];
  readonly binary?: string;
}

export interface PrometheusProcess {
  readonly url: string;
  readonly process: ManagedProcess;
  /** The configuration actually run. */
  readonly config: Record<string, unknown>;
  query(expr: string): Promise<readonly { metric: Record<string, string>; value: number }[]>;
  alerts(): Promise<
    readonly { labels: Record<string, string>; annotations: Record<string, string>; state: string }[]
  >;
  waitForTargetsUp(job: string, count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const Job = z.object({ job_name: z.string() }).passthrough();
const Config = z
  .object({
    global: z.record(z.string(), z.unknown()).optional(),
    rule_files: z.array(z.string()).optional(),
    scrape_configs: z.array(Job).optional(),
  })
  .passthrough();

const QueryResult = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('vector'),
    result: z.array(
      z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) }),
    ),
  }),
});
const AlertsResult = z.object({
  status: z.literal('success'),
  data: z.object({
    alerts: z.array(
      z.object({
        labels: z.record(z.string(), z.string()),
        annotations: z.record(z.string(), z.string()),
        state: z.string(),
      }),
    ),
  }),
});
const TargetsResult = z.object({
  data: z.object({
    activeTargets: z.array(z.object({ labels: z.record(z.string(), z.string()), health: z.string() })),
  }),
});

export async function startPrometheus(options: StartPrometheusOptions = {}): Promise<PrometheusProcess> {
  const configFile = options.configFile ?? DEPLOY_PROMETHEUS_CONFIG;
  const config = Config.parse(parse(await readFile(configFile, 'utf8')));
  const configDir = dirname(configFile);
  const global = { ...(config.global ?? {}) };
  if (options.scrapeInterval) global.scrape_interval = options.scrapeInterval;
  if (options.evaluationInterval) global.evaluation_interval = options.evaluationInterval;
  const ruleFiles = (options.ruleFiles ?? config.rule_files ?? []).map((f) =>
    isAbsolute(f) ? f : resolve(configDir, f),
  );
  const jobs = (config.scrape_configs ?? []).flatMap((job) => {
    const name = job.job_name;
    const statics = options.staticTargets?.[name];
    const sd = options.httpSd?.[name];
    if (!statics && !sd) return [];
    const { static_configs: _s, http_sd_configs: _h, ...rest } = job;
    const oldStatic = z
      .array(z.object({ labels: z.record(z.string(), z.string()).optional() }).passthrough())
      .safeParse(_s);
    const labels = oldStatic.success ? oldStatic.data[0]?.labels : undefined;
    return [
      {
        ...rest,
        ...(statics ? { static_configs: [{ targets: [...statics], ...(labels ? { labels } : {}) }] } : {}),
        ...(sd
          ? {
              http_sd_configs: (typeof sd === 'string' ? [sd] : sd).map((url) => ({
                url,
                refresh_interval: '1s',
              })),
            }
          : {}),
      },
    ];
  });
  const { alerting: _a, ...withoutAlerting } = config;
  const effective: Record<string, unknown> = {
    ...withoutAlerting,
    global,
    rule_files: ruleFiles,
    scrape_configs: jobs,
    ...(options.alertmanagers
      ? { alerting: { alertmanagers: [{ static_configs: [{ targets: [...options.alertmanagers] }] }] } }
      : {}),
  };
  const dir = await mkdtemp(join(tmpdir(), 'reset-doctor-prometheus-'));
  const file = join(dir, 'prometheus.yml');
  await writeFile(file, stringify(effective));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = startProcess('prometheus', options.binary ?? process.env.PROMETHEUS_BIN ?? 'prometheus', [
    `--config.file=${file}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  try {
    await waitForHttp(`${url}/-/ready`, { timeoutMs: 30_000 });
  } catch (e) {
    await proc.stop();
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${proc.output().slice(-3000)}`);
  }
  const api = async (path: string): Promise<unknown> => {
    const res = await fetch(`${url}${path}`);
    if (!res.ok) throw new Error(`Prometheus ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    url,
    process: proc,
    config: effective,
    async query(expr) {
      const r = QueryResult.parse(await api(`/api/v1/query?query=${encodeURIComponent(expr)}`));
      return r.data.result.map((s) => ({ metric: s.metric, value: Number(s.value[1]) }));
    },
    async alerts() {
      return AlertsResult.parse(await api('/api/v1/alerts')).data.alerts;
    },
    async waitForTargetsUp(job, count, timeoutMs = 30_000) {
      await waitFor(
        `${count} healthy targets in job ${job}`,
        async () => {
          const t = TargetsResult.parse(await api('/api/v1/targets?state=active'));
          const up = t.data.activeTargets.filter((x) => x.labels.job === job && x.health === 'up').length;
          return up >= count ? true : undefined;
        },
        { timeoutMs },
      );
    },
    async stop() {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
