import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { REPO_ROOT } from '../support/paths.js';

/**
 * The configuration files docker-compose.yml mounts (and the end-to-end tests run) pass the checkers of the
 * very binaries that run them: promtool for Prometheus and its rules (with unit tests of every alert), amtool
 * for Alertmanager. A broken copy is rejected, so the checks can fail.
 */

const run = promisify(execFile);
const PROMETHEUS_DIR = join(REPO_ROOT, 'deploy/prometheus');
const ALERTMANAGER_CONFIG = join(REPO_ROOT, 'deploy/alertmanager/alertmanager.yml');

const ExecFailure = z.object({
  code: z.number().optional(),
  stdout: z.string().optional(),
  stderr: z.string().optional(),
});

async function check(command: string, args: readonly string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, [...args], { cwd: REPO_ROOT });
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const err = ExecFailure.parse(e);
    return { code: err.code ?? 1, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

const RuleFile = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      rules: z.array(
        z.object({
          alert: z.string(),
          expr: z.string(),
          for: z.string().optional(),
          labels: z.record(z.string(), z.string()),
          annotations: z.object({ summary: z.string(), description: z.string() }),
        }),
      ),
    }),
  ),
});

describe('deploy/prometheus', () => {
  it('promtool accepts prometheus.yml and the rule files it loads', async () => {
    const r = await check('promtool', ['check', 'config', join(PROMETHEUS_DIR, 'prometheus.yml')]);
    expect(r.output).toMatch(/SUCCESS: \d+ rule files found/);
    expect(r.code, r.output).toBe(0);
  });

  it('every alert passes its promtool unit test (labels and rendered annotations)', async () => {
    const tests = (await readdir(join(PROMETHEUS_DIR, 'tests'))).filter((f) => f.endsWith('.yml'));
    expect(tests.length).toBeGreaterThan(0);
    const r = await check('promtool', [
      'test',
      'rules',
      ...tests.map((f) => join(PROMETHEUS_DIR, 'tests', f)),
    ]);
    expect(r.code, r.output).toBe(0);
  });

  it('alerts are symptoms with the labels the bot maps to incident fields and annotations that describe them', async () => {
    const files = (await readdir(join(PROMETHEUS_DIR, 'rules'))).filter((f) => f.endsWith('.yml'));
    const tested = (
      await Promise.all(
        (
          await readdir(join(PROMETHEUS_DIR, 'tests'))
        ).map((f) => readFile(join(PROMETHEUS_DIR, 'tests', f), 'utf8')),
      )
    ).join('\n');
    for (const f of files) {
      const rules = RuleFile.parse(parse(await readFile(join(PROMETHEUS_DIR, 'rules', f), 'utf8')));
      for (const rule of rules.groups.flatMap((g) => g.rules)) {
        const by =
          /\bby \(([^)]*)\)/
            .exec(rule.expr)?.[1]
            ?.split(',')
            .map((s) => s.trim()) ?? [];
        expect(by, `${rule.alert} groups by namespace and service`).toEqual(
          expect.arrayContaining(['namespace', 'service']),
        );
        expect(rule.labels.severity, rule.alert).toMatch(/^(?:info|warning|critical)$/);
        expect(rule.annotations.summary, rule.alert).toContain('{{ $labels.service }}');
        expect(tested, `${rule.alert} has a promtool unit test`).toContain(`alertname: ${rule.alert}`);
      }
    }
  });

  it('promtool rejects a broken rule (the check can fail)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reset-doctor-rules-'));
    try {
      const text = await readFile(join(PROMETHEUS_DIR, 'rules/reset-lab.yml'), 'utf8');
      await writeFile(
        join(dir, 'broken.yml'),
        text.replace('increase(lab_service_restarts_total[5m])', 'increase(lab_service_restarts_total[5m)'),
      );
      const r = await check('promtool', ['check', 'rules', join(dir, 'broken.yml')]);
      expect(r.code).not.toBe(0);
      expect(r.output).toMatch(/FAILED|error/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy/alertmanager', () => {
  it('amtool accepts alertmanager.yml', async () => {
    const r = await check('amtool', ['check-config', ALERTMANAGER_CONFIG]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/SUCCESS/);
  });

  it("routes every alert to the bot's /alertmanager with a bearer token read from a secret file", async () => {
    const config = z
      .object({
        route: z.object({ receiver: z.string(), group_by: z.array(z.string()) }),
        receivers: z.array(
          z.object({
            name: z.string(),
            webhook_configs: z.array(
              z.object({
                url: z.string(),
                send_resolved: z.boolean(),
                http_config: z.object({
                  authorization: z
                    .object({ type: z.literal('Bearer'), credentials_file: z.string() })
                    .strict(),
                }),
              }),
            ),
          }),
        ),
      })
      .parse(parse(await readFile(ALERTMANAGER_CONFIG, 'utf8')));
    expect(config.route.group_by).toEqual(
      expect.arrayContaining(['alertname', 'namespace', 'service', 'peer']),
    );
    const receiver = config.receivers.find((r) => r.name === config.route.receiver);
    expect(receiver?.webhook_configs).toHaveLength(1);
    const hook = receiver?.webhook_configs[0];
    expect(new URL(hook?.url ?? '').pathname).toBe('/alertmanager');
    expect(hook?.http_config.authorization.credentials_file).toBe('/run/secrets/alertmanager_token');
  });

  it('amtool rejects a broken configuration (the check can fail)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reset-doctor-am-'));
    try {
      const text = await readFile(ALERTMANAGER_CONFIG, 'utf8');
      await writeFile(join(dir, 'broken.yml'), text.replace('receiver: reset-doctor', 'receiver: nobody'));
      const r = await check('amtool', ['check-config', join(dir, 'broken.yml')]);
      expect(r.code).not.toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
