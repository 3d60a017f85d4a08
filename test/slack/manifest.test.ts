import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_EVENTS, BOT_SCOPES, SLASH_COMMAND } from '../../src/adapters/slack/create-slack-bot.js';
import { SLACK_EVENTS_PATH } from '../../src/adapters/slack/fastify-receiver.js';
import { PACKAGE_ROOT } from '../../src/compose.js';

const manifest = readFileSync(join(PACKAGE_ROOT, 'slack-app-manifest.yml'), 'utf8');
const listed = (section: string) => {
  const start = manifest.indexOf(`${section}:`);
  const lines = manifest.slice(start).split('\n').slice(1);
  const items: string[] = [];
  for (const line of lines) {
    if (/^\s*#/.test(line)) continue;
    const m = /^\s*- (\S+)\s*$/.exec(line);
    if (!m?.[1]) break;
    items.push(m[1]);
  }
  return items;
};

describe('slack-app-manifest.yml matches the code', () => {
  it('grants exactly the scopes the bot uses', () => {
    expect(listed('bot').sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('subscribes to exactly the events the bot handles', () => {
    expect(listed('bot_events').sort()).toEqual([...BOT_EVENTS].sort());
  });

  it('declares the slash command and points every URL at the one events route', () => {
    expect(manifest).toContain(`- command: ${SLASH_COMMAND}`);
    const urls = [...manifest.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1]);
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(url).toBe(`https://YOUR-HOST${SLACK_EVENTS_PATH}`);
  });
});
