import { describe, expect, it } from 'vitest';
import { readSlackSettings } from '../../src/config.js';
import { ResetDoctorError } from '../../src/errors.js';

describe('Slack settings from the environment', () => {
  it('without a bot token, Slack is off', () => {
    expect(readSlackSettings({})).toBeUndefined();
    expect(readSlackSettings({ SLACK_BOT_TOKEN: '' })).toBeUndefined();
  });

  it('HTTP mode with defaults; the API URL always ends with a slash', () => {
    const s = readSlackSettings({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: 'https://slack-gov.com/api',
    });
    expect(s).toMatchObject({
      botToken: 'xoxb-1',
      signingSecret: 's',
      apiUrl: 'https://slack-gov.com/api/',
      alertChannelLabel: 'slack_channel',
      maxFileBytes: 1024 * 1024,
      retry: { attempts: 4, baseMs: 1000 },
      outbox: { intervalMs: 15_000, maxBackoffMs: 300_000, keepS: 259_200 },
    });
    expect(Object.isFrozen(s)).toBe(true);
  });

  it('Socket Mode needs no signing secret', () => {
    expect(readSlackSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })?.appToken).toBe(
      'xapp-1',
    );
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      readSlackSettings({
        SLACK_BOT_TOKEN: 'not-a-token',
        SLACK_API_URL: 'ftp://x',
        SLACK_RETRY_ATTEMPTS: 'many',
        SLACK_OUTBOX_INTERVAL_MS: '1',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ResetDoctorError);
    const message = (error as ResetDoctorError).message;
    expect((error as ResetDoctorError).code).toBe('CONFIG_INVALID');
    for (const key of [
      'SLACK_BOT_TOKEN',
      'SLACK_API_URL',
      'SLACK_RETRY_ATTEMPTS',
      'SLACK_OUTBOX_INTERVAL_MS',
    ])
      expect(message).toContain(key);
  });

  it('HTTP mode without a signing secret, or secrets without a bot token, are refused', () => {
    expect(() => readSlackSettings({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => readSlackSettings({ SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN/);
  });
});
