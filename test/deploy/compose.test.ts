import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { LAB_VARIABLES, SCENARIOS } from '../../lab/options.js';
import { MAX_SAFE_RANGE } from '../../lab/scenarios/port-exhaustion.js';
import { CONFIG_VARIABLES } from '../../src/config.js';
import { REPO_ROOT } from '../support/paths.js';

/**
 * docker-compose.yml and the Dockerfile, checked without a Docker engine: the services a user gets, how they
 * are wired to each other and to the deploy/ files the end-to-end tests run, and that every variable the
 * compose file sets is one the bot's (or the lab's) configuration schema knows.
 */

/** The variables the bot's configuration schema knows (src/config.ts, the one schema `npm start` reads). */
const BOT_VARIABLES: ReadonlySet<string> = new Set(CONFIG_VARIABLES);

const Healthcheck = z.object({ test: z.array(z.string()).min(2) }).passthrough();
const Service = z
  .object({
    image: z.string().optional(),
    build: z.union([z.string(), z.object({ context: z.string() }).passthrough()]).optional(),
    command: z.union([z.string(), z.array(z.string())]).optional(),
    environment: z
      .union([z.array(z.string()), z.record(z.string(), z.union([z.string(), z.number(), z.null()]))])
      .optional(),
    volumes: z.array(z.string()).optional(),
    ports: z.array(z.string()).optional(),
    depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
    healthcheck: Healthcheck.optional(),
    secrets: z.array(z.string()).optional(),
    sysctls: z.record(z.string(), z.string()).optional(),
    profiles: z.array(z.string()).optional(),
    network_mode: z.string().optional(),
    read_only: z.boolean().optional(),
    cap_drop: z.array(z.string()).optional(),
    security_opt: z.array(z.string()).optional(),
  })
  .passthrough();
const Compose = z
  .object({
    services: z.record(z.string(), Service),
    volumes: z.record(z.string(), z.unknown()).optional(),
    secrets: z.record(z.string(), z.object({ environment: z.string() }).passthrough()).optional(),
  })
  .passthrough();
type Service = z.infer<typeof Service>;

const text = await readFile(join(REPO_ROOT, 'docker-compose.yml'), 'utf8');
const compose = Compose.parse(parse(text, { merge: true }));
const services = compose.services;

function service(name: string): Service {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
}

/** Variable name → value as written (list entries without `=` pass the shell's value through). */
function environment(s: Service): Map<string, string | undefined> {
  const env = new Map<string, string | undefined>();
  if (Array.isArray(s.environment)) {
    for (const entry of s.environment) {
      const i = entry.indexOf('=');
      env.set(i === -1 ? entry : entry.slice(0, i), i === -1 ? undefined : entry.slice(i + 1));
    }
  } else {
    for (const [k, v] of Object.entries(s.environment ?? {})) env.set(k, v === null ? undefined : String(v));
  }
  return env;
}

const command = (s: Service): string[] =>
  typeof s.command === 'string' ? s.command.split(/\s+/) : (s.command ?? []);
const runsBot = (s: Service): boolean =>
  s.build !== undefined && !command(s).some((c) => c.includes('dist/lab/'));
const runsLab = (s: Service): boolean => command(s).some((c) => c.includes('dist/lab/main.js'));

describe('docker-compose.yml', () => {
  it('has Redis, the bot, Prometheus, Alertmanager, node_exporter and the lab', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining([
        'redis',
        'bot',
        'prometheus',
        'alertmanager',
        'node-exporter',
        'lab',
        'lab-ports',
      ]),
    );
    for (const [name, s] of Object.entries(services)) {
      expect(s.image ?? s.build, `${name} has an image or a build`).toBeDefined();
      if (s.image && !s.build) expect(s.image, `${name} pins a version`).toMatch(/:(?!latest$)[\w.-]+$/);
    }
  });

  it('runs Redis with AOF persistence on a named volume, and the bot waits for it to be healthy', () => {
    const redis = service('redis');
    expect(command(redis).join(' ')).toMatch(/--appendonly yes/);
    expect(redis.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
    const volume = redis.volumes?.find((v) => v.endsWith(':/data'))?.split(':')[0] ?? '';
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    expect(redis.healthcheck?.test.join(' ')).toMatch(/redis-cli ping/);
    expect(service('bot').depends_on?.redis?.condition).toBe('service_healthy');
  });

  it('builds the bot from this repository and points it at Redis and Prometheus by service name', () => {
    const bot = service('bot');
    expect(bot.build).toBe('.');
    const env = environment(bot);
    expect(new URL(env.get('REDIS_URL') ?? '').hostname).toBe('redis');
    expect(new URL(env.get('PROMETHEUS_URL') ?? '').hostname).toBe('prometheus');
    expect(env.get('ALERTMANAGER_TOKEN')).toMatch(/^\$\{ALERTMANAGER_TOKEN:\?/);
    expect(bot.ports).toContain(`${env.get('PORT')}:${env.get('PORT')}`);
  });

  it('sets only variables the configuration schemas know (the bot: src/config.ts; the lab: lab/options.ts)', () => {
    const bots = Object.entries(services).filter(([, s]) => runsBot(s));
    expect(bots.map(([n]) => n)).toEqual(expect.arrayContaining(['bot', 'worker']));
    for (const [name, s] of bots) {
      const unknown = [...environment(s).keys()].filter((k) => !BOT_VARIABLES.has(k));
      expect(unknown, `${name} sets variables unknown to src/config.ts CONFIG_VARIABLES`).toEqual([]);
    }
    for (const [name, s] of Object.entries(services).filter(([, s]) => runsLab(s))) {
      const unknown = [...environment(s).keys()].filter((k) => !LAB_VARIABLES.includes(k));
      expect(unknown, `${name} sets variables unknown to the lab`).toEqual([]);
    }
  });

  it('runs the bot and the lab hardened: read-only root, no capabilities, no privilege escalation', () => {
    for (const name of ['bot', 'worker', 'lab', 'lab-ports']) {
      const s = service(name);
      expect(s.read_only, name).toBe(true);
      expect(s.cap_drop, name).toEqual(['ALL']);
      expect(s.security_opt, name).toContain('no-new-privileges:true');
    }
  });

  it('mounts the deploy/ files the end-to-end tests run, and wires Prometheus -> Alertmanager -> bot', async () => {
    const prometheus = service('prometheus');
    expect(prometheus.volumes).toContain('./deploy/prometheus:/etc/prometheus:ro');
    expect(command(prometheus)).toContain('--config.file=/etc/prometheus/prometheus.yml');
    const alertmanager = service('alertmanager');
    expect(alertmanager.volumes).toContain('./deploy/alertmanager:/etc/alertmanager:ro');
    expect(command(alertmanager)).toContain('--config.file=/etc/alertmanager/alertmanager.yml');

    const promConfig = z
      .object({
        alerting: z.object({
          alertmanagers: z.array(
            z.object({ static_configs: z.array(z.object({ targets: z.array(z.string()) })) }),
          ),
        }),
        scrape_configs: z.array(
          z
            .object({
              job_name: z.string(),
              static_configs: z.array(z.object({ targets: z.array(z.string()) }).passthrough()).optional(),
              http_sd_configs: z.array(z.object({ url: z.string() }).passthrough()).optional(),
            })
            .passthrough(),
        ),
      })
      .parse(parse(await readFile(join(REPO_ROOT, 'deploy/prometheus/prometheus.yml'), 'utf8')));
    const hostOf = (target: string) => target.split(':')[0] ?? '';
    expect(
      promConfig.alerting.alertmanagers.flatMap((a) => a.static_configs.flatMap((c) => c.targets)),
    ).toEqual(['alertmanager:9093']);
    const job = (name: string) => promConfig.scrape_configs.find((j) => j.job_name === name);
    const botPort = environment(service('bot')).get('PORT');
    expect(job('reset-doctor')?.static_configs?.[0]?.targets).toEqual([`bot:${botPort}`]);
    const sd = job('reset-lab')?.http_sd_configs?.map((c) => new URL(c.url)) ?? [];
    expect(sd.map((u) => u.hostname).sort()).toEqual(['lab', 'lab-ports']);
    for (const u of sd) {
      expect(u.pathname).toBe('/targets');
      expect(u.port).toBe(environment(service(u.hostname)).get('LAB_PORT'));
    }
    // node_exporter answers inside the lab's network namespace.
    expect(service('node-exporter').network_mode).toBe('service:lab');
    expect(job('node')?.static_configs?.[0]?.targets.map(hostOf)).toEqual(['lab']);

    const amConfig = z
      .object({
        receivers: z.array(
          z.object({
            webhook_configs: z.array(
              z.object({
                url: z.string(),
                http_config: z.object({ authorization: z.object({ credentials_file: z.string() }) }),
              }),
            ),
          }),
        ),
      })
      .parse(parse(await readFile(join(REPO_ROOT, 'deploy/alertmanager/alertmanager.yml'), 'utf8')));
    const hook = amConfig.receivers[0]?.webhook_configs[0];
    const url = new URL(hook?.url ?? '');
    expect(url.hostname).toBe('bot');
    expect(url.port).toBe(botPort);
    expect(url.pathname).toBe('/alertmanager');
    const secret = hook?.http_config.authorization.credentials_file.replace('/run/secrets/', '') ?? '';
    expect(alertmanager.secrets).toContain(secret);
    expect(compose.secrets?.[secret]?.environment).toBe('ALERTMANAGER_TOKEN');
  });

  it('runs every lab scenario, port exhaustion only inside a narrow port range of its own', () => {
    const scenarios = ['lab', 'lab-ports'].flatMap((n) =>
      (environment(service(n)).get('LAB_SCENARIOS') ?? '').split(','),
    );
    expect(scenarios.sort()).toEqual([...SCENARIOS].sort());
    const ports = service('lab-ports');
    const env = environment(ports);
    expect(env.get('LAB_SCENARIOS')).toBe('port-exhaustion');
    expect(env.get('LAB_ISOLATION')).toBe('none');
    const [low = 0, high = 0] = (ports.sysctls?.['net.ipv4.ip_local_port_range'] ?? '')
      .split(/\s+/)
      .map(Number);
    expect(high - low + 1).toBeGreaterThan(8);
    expect(high - low + 1).toBeLessThanOrEqual(MAX_SAFE_RANGE);
    for (const name of ['lab', 'lab-ports']) {
      const s = service(name);
      expect(environment(s).get('LAB_HOST'), name).toBe('0.0.0.0');
      expect(s.healthcheck?.test.join(' '), name).toMatch(/\/readyz/);
    }
  });
});

describe('Dockerfile', async () => {
  const dockerfile = await readFile(join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const final = stages[stages.length - 1] ?? '';

  it('is multi-stage: built with dev dependencies, run with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci --ignore-scripts/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(final).toMatch(/COPY --from=deps \/app\/node_modules/);
    expect(final).toMatch(/COPY --from=build \/app\/dist/);
    expect(final).not.toMatch(/npm (?:ci|install)/);
  });

  it('runs as a non-root user with a HEALTHCHECK on /healthz and starts the bot', () => {
    const user = /^USER\s+(\S+)/m.exec(final)?.[1];
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(?:root|0)(?::|$)/);
    expect(final).toMatch(/^HEALTHCHECK .*\/healthz/ms);
    expect(final).toMatch(/^CMD \["node", "dist\/main\.js"\]/m);
    expect(final).toMatch(/^EXPOSE 3000$/m);
  });

  it('keeps the build context small and free of secrets (.dockerignore)', async () => {
    const ignored = (await readFile(join(REPO_ROOT, '.dockerignore'), 'utf8'))
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', '.env']));
    // Everything the Dockerfile copies from the context is not ignored.
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm)) {
      for (const source of (m[1] ?? '').split(/\s+/)) expect(ignored, source).not.toContain(source);
    }
  });
});
