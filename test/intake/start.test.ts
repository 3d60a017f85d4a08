import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { killBotProcess, startBotProcess } from '../support/bot-process.js';
import { deletePrefix, SHARED_REDIS_URL, uniquePrefix } from '../support/shared-redis.js';

/** `npm start` as an operator runs it. */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function npmStart(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm start', () => {
  it('with a bad REDIS_URL and no ALERTMANAGER_TOKEN prints every problem at once and exits 2', async () => {
    const r = await npmStart({ REDIS_URL: 'localhost:6379', SLACK_SIGNING_SECRET: 'has a space in it' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the configuration has 4 problems/);
    // A signing secret without a bot token would leave Slack silently off.
    expect(r.stderr).toMatch(/^ {2}SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set/m);
    expect(r.stderr).toMatch(/^ {2}REDIS_URL .*set e\.g\. REDIS_URL=redis:\/\//m);
    expect(r.stderr).toMatch(/^ {2}ALERTMANAGER_TOKEN .*required/m);
    expect(r.stderr).toMatch(/^ {2}SLACK_SIGNING_SECRET must not contain spaces/m);
    expect(r.stderr).not.toContain('has a space in it');
    expect(r.stdout).toBe('');
  });

  it('--role takes only intake, worker or all', async () => {
    const p = startBotProcess(['--role', 'cook'], { ALERTMANAGER_TOKEN: 'x' });
    expect((await p.exited).code).toBe(2);
    expect(p.stderr()).toMatch(/--role must be one of all, intake, worker/);
  });

  it('--role intake serves the webhook and health without loading rules, and stops on SIGTERM', async () => {
    const prefix = uniquePrefix('start');
    const p = startBotProcess(['--role', 'intake'], {
      REDIS_URL: SHARED_REDIS_URL,
      QUEUE_PREFIX: prefix,
      ALERTMANAGER_TOKEN: 'tok',
    });
    try {
      const started = await p.waitForLine('start', (l) => l.msg === 'reset-doctor started');
      expect(started).toMatchObject({ role: 'intake', webhook: true, prefix });
      expect(p.lines.some((l) => l.msg === 'rules loaded')).toBe(false);
      const ready = await fetch(`${String(started.address)}/readyz`);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { redis: 'ok' } });
      p.signal('SIGTERM');
      expect((await p.exited).code).toBe(0);
    } finally {
      await killBotProcess(p);
      await deletePrefix(prefix);
    }
  });
});
