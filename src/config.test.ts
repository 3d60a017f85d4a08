import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, isConfigError, readConfig, Secret } from './config.js';

const TOKEN = 'am-token-0123456789';

function problemsOf(env: Record<string, string>, role: Parameters<typeof readConfig>[1] = {}) {
  try {
    readConfig(env, role);
  } catch (e) {
    if (isConfigError(e)) return e.problems.map((p) => p.variable);
    throw e;
  }
  return [];
}

describe('readConfig', () => {
  it('applies the defaults of DESIGN §5', () => {
    const c = readConfig({ ALERTMANAGER_TOKEN: TOKEN });
    expect(c.port).toBe(3000);
    expect(c.redisUrl.reveal()).toBe('redis://127.0.0.1:6379');
    expect(c.webhookMaxBytes).toBe(1_048_576);
    expect(c.logLevel).toBe('info');
    expect(c.rulesDir).toMatch(/rules\/?$/);
    expect(c.queue).toMatchObject({ name: 'diagnoses', prefix: '{reset-doctor}', attempts: 5 });
    expect(c.alertmanager.enabled).toBe(true);
    expect(c.prometheusUrl).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.playground).toBe(false);
    expect(c.rulesWatch).toBe(true);
    expect(c.prometheus).toMatchObject({ window: '15m', correlationRange: '24h', concurrency: 8 });
  });

  it('reads every variable of DESIGN §5', () => {
    for (const v of [
      'PORT',
      'REDIS_URL',
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'SLACK_APP_TOKEN',
      'SLACK_API_URL',
      'SLACK_ALERT_CHANNEL',
      'ALERTMANAGER_TOKEN',
      'PROMETHEUS_URL',
      'RULES_DIR',
      'WEBHOOK_MAX_BYTES',
      'LOG_LEVEL',
    ])
      expect(CONFIG_VARIABLES).toContain(v);
  });

  it('reports every problem at once, each with how to fix it', () => {
    try {
      readConfig({
        REDIS_URL: 'localhost:6379',
        PORT: 'eighty',
        WEBHOOK_MAX_BYTES: '-1',
        LOG_LEVEL: 'loud',
        PROMETHEUS_URL: 'prometheus:9090',
        QUEUE_PREFIX: 'reset-doctor',
        SLACK_BOT_TOKEN: 'xoxb-1',
      });
      expect.unreachable();
    } catch (e) {
      expect(isConfigError(e)).toBe(true);
      if (!isConfigError(e)) return;
      expect(e.code).toBe('CONFIG_INVALID');
      expect(e.exitCode).toBe(2);
      expect(e.problems.map((p) => p.variable).sort()).toEqual(
        [
          'ALERTMANAGER_TOKEN',
          'LOG_LEVEL',
          'PORT',
          'PROMETHEUS_URL',
          'QUEUE_PREFIX',
          'REDIS_URL',
          'SLACK_SIGNING_SECRET',
          'WEBHOOK_MAX_BYTES',
        ].sort(),
      );
      for (const p of e.problems) expect(p.message).toMatch(/set|copy|unset/);
      expect(e.message).toMatch(/^the configuration has 8 problems:\n {2}/);
    }
  });

  it('ANSWER_UPDATE_INTERVAL_S: 10 s by default, 0 turns the spacing off, anything else says how to set it', () => {
    expect(readConfig({ ALERTMANAGER_TOKEN: TOKEN }).answerUpdateIntervalS).toBe(10);
    expect(
      readConfig({ ALERTMANAGER_TOKEN: TOKEN, ANSWER_UPDATE_INTERVAL_S: '0' }).answerUpdateIntervalS,
    ).toBe(0);
    for (const bad of ['1.5', '-1', 'ten', '3601']) {
      try {
        readConfig({ ALERTMANAGER_TOKEN: TOKEN, ANSWER_UPDATE_INTERVAL_S: bad });
        expect.unreachable();
      } catch (e) {
        if (!isConfigError(e)) throw e;
        expect(e.problems).toHaveLength(1);
        expect(e.problems[0]?.variable).toBe('ANSWER_UPDATE_INTERVAL_S');
        expect(e.problems[0]?.message).toMatch(/seconds between two updates of one answer, e\.g\. 10/);
      }
    }
  });

  it('requires ALERTMANAGER_TOKEN only where the webhook is served', () => {
    expect(problemsOf({})).toEqual(['ALERTMANAGER_TOKEN']);
    expect(problemsOf({}, { role: 'intake' })).toEqual(['ALERTMANAGER_TOKEN']);
    expect(problemsOf({}, { role: 'worker' })).toEqual([]);
    expect(problemsOf({}, { role: 'cli' })).toEqual([]);
    expect(problemsOf({ ALERTMANAGER_WEBHOOK: 'off' })).toEqual([]);
    expect(problemsOf({ ALERTMANAGER_TOKEN: '   ' })).toEqual(['ALERTMANAGER_TOKEN']);
  });

  it('Slack: HTTP mode needs the signing secret, Socket Mode the app token; token kinds are checked', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, { role: 'worker' })).toEqual(
      [],
    );
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, { role: 'worker' })).toEqual(
      [],
    );
    expect(
      problemsOf({ SLACK_BOT_TOKEN: 'xoxp-1', SLACK_APP_TOKEN: 'xoxb-1' }, { role: 'worker' }).sort(),
    ).toEqual(['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN']);
  });

  it('keeps secrets out of logs, JSON and messages', () => {
    const secret = 'xoxb-very-secret';
    const c = readConfig({
      ALERTMANAGER_TOKEN: TOKEN,
      SLACK_BOT_TOKEN: secret,
      SLACK_SIGNING_SECRET: 'sign-secret',
      REDIS_URL: 'redis://:hunter2@redis:6379/0',
    });
    const shown = `${JSON.stringify(c)} ${inspect(c, { depth: 10 })} ${String(c.slack?.botToken)}`;
    for (const s of [secret, TOKEN, 'sign-secret', 'hunter2']) expect(shown).not.toContain(s);
    expect(c.slack?.botToken.reveal()).toBe(secret);
    expect(c.redisUrlForLog).toBe('redis://:***@redis:6379/0');
    try {
      readConfig({ ALERTMANAGER_TOKEN: 'has a space', SLACK_BOT_TOKEN: 'nope-secret' });
    } catch (e) {
      expect(String(e)).not.toContain('has a space');
      expect(String(e)).not.toContain('nope-secret');
    }
  });

  it('reads the Slack, Prometheus, rules and playground tuning with the same schema', () => {
    const c = readConfig({
      ALERTMANAGER_TOKEN: TOKEN,
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
      SLACK_ALERT_CHANNEL_LABEL: 'team_channel',
      SLACK_OUTBOX_INTERVAL_MS: '250',
      PROMETHEUS_URL: 'http://prometheus:9090',
      PROMETHEUS_WINDOW: '5m',
      PROMETHEUS_BEARER_TOKEN: 'prom-secret',
      RULES_WATCH: 'off',
      PLAYGROUND: '1',
    });
    expect(c.slack).toMatchObject({
      apiUrl: 'http://127.0.0.1:9/api/',
      alertChannelLabel: 'team_channel',
      outbox: { intervalMs: 250, maxBackoffMs: 300_000, keepS: 259_200 },
      retry: { attempts: 4, baseMs: 1000 },
    });
    expect(c.prometheus.window).toBe('5m');
    expect(c.prometheus.bearerToken?.reveal()).toBe('prom-secret');
    expect(JSON.stringify(c)).not.toContain('prom-secret');
    expect(c.rulesWatch).toBe(false);
    expect(c.playground).toBe(true);
    for (const v of ['SLACK_ALERT_CHANNEL_LABEL', 'SLACK_OUTBOX_KEEP_S', 'PROMETHEUS_WINDOW', 'PLAYGROUND'])
      expect(CONFIG_VARIABLES).toContain(v);
    expect(
      problemsOf({
        ALERTMANAGER_TOKEN: TOKEN,
        PROMETHEUS_WINDOW: 'fifteen minutes',
        PLAYGROUND: 'maybe',
        SLACK_RETRY_ATTEMPTS: 'many',
        SLACK_APP_TOKEN: 'xapp-1',
      }).sort(),
    ).toEqual(['PLAYGROUND', 'PROMETHEUS_WINDOW', 'SLACK_BOT_TOKEN', 'SLACK_RETRY_ATTEMPTS']);
  });

  it('freezes the result', () => {
    const c = readConfig({ ALERTMANAGER_TOKEN: TOKEN });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.queue)).toBe(true);
    expect(() => {
      (c.queue as { attempts: number }).attempts = 1;
    }).toThrow(TypeError);
    expect(new Secret('x').toJSON()).toBe('[redacted]');
  });

  it('treats blank values as unset', () => {
    const c = readConfig({ ALERTMANAGER_TOKEN: TOKEN, PORT: '', PROMETHEUS_URL: ' ', LOG_LEVEL: 'DEBUG' });
    expect(c.port).toBe(3000);
    expect(c.prometheusUrl).toBeUndefined();
    expect(c.logLevel).toBe('debug');
  });
});
