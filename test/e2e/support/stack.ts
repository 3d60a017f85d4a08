import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createRedisDiagnosisStore } from '../../../src/adapters/redis/redis-diagnosis-store.js';
import type { DiagnosisStore, IncidentRecord } from '../../../src/app/diagnosis-store.js';
import { BOT_TOKEN, SIGNING_SECRET, sign } from '../../slack/support/bot-harness.js';
import {
  type RecordedCall,
  type SlackStandIn,
  startSlackStandIn,
} from '../../slack/support/slack-stand-in.js';
import { type BotProcess, killBotProcess, MAIN, startBotProcess } from '../../support/bot-process.js';
import { type AlertmanagerProcess, startAlertmanager } from '../../support/deploy-alertmanager.js';
import { type PrometheusProcess, startPrometheus } from '../../support/deploy-prometheus.js';
import { type LabProcess, startLab } from '../../support/lab.js';
import { REPO_ROOT } from '../../support/paths.js';
import { type PrivateRedis, startPrivateRedis } from '../../support/private-redis.js';
import { stopAllProcesses } from '../../support/processes.js';

/**
 * The whole product on 127.0.0.1, each part a real process started here: a private Redis, the Slack Web API
 * stand-in, the bot (`node dist/main.js`, as `npm start` runs it) on a port chosen beforehand, Alertmanager
 * with deploy/alertmanager/alertmanager.yml posting to the bot with the bearer token, the reset lab, and
 * Prometheus with deploy/prometheus/ (the lab found through its HTTP service discovery, the bot scraped as
 * job `reset-doctor`, the lab's alerting rules as shipped). Intervals are short; the rules are not changed.
 */

export const ALERTMANAGER_TOKEN = 'e2e-alertmanager-token-6d0b';
export const ALERT_CHANNEL = 'C0E2EALERTS';
const QUEUE_PREFIX = '{reset-doctor-e2e}';

export interface Stack {
  readonly redis: PrivateRedis;
  readonly slack: SlackStandIn;
  readonly alertmanager: AlertmanagerProcess;
  readonly lab: LabProcess;
  readonly prometheus: PrometheusProcess;
  readonly bot: BotProcess;
  /** http://127.0.0.1:PORT of the bot. */
  readonly botUrl: string;
  /** The bot's diagnosis store, read from its Redis. */
  readonly store: DiagnosisStore;
  /** Every alert answer the Slack stand-in holds now, as last posted or updated. */
  answers(): Promise<AlertAnswer[]>;
  /** POSTs a Slack event body to the bot's /slack/events, signed as Slack signs it. */
  slackEvent(body: string): Promise<Response>;
  /** What happened, for a failure message: alerts, Slack calls, diagnoses, the bot's warnings. */
  report(): Promise<string>;
  stop(): Promise<void>;
}

/** One answer in the alert channel: the root of its thread, with what it says and the diagnosis behind it. */
export interface AlertAnswer {
  readonly ts: string;
  readonly incidentId: string;
  /** The first-ranked cause as the message shows it (`*1. cause*`), undefined when none is ranked. */
  readonly topCause: string | undefined;
  readonly text: string;
  readonly blocks: unknown;
  /** Replies in its thread (updates, charts). */
  readonly replies: readonly RecordedCall[];
  readonly record: IncidentRecord | undefined;
}

export interface StartStackOptions {
  readonly scenarios: readonly string[];
}

const LAB_MAIN = join(REPO_ROOT, 'dist/lab/main.js');

/** A port on 127.0.0.1 held by a listening socket of this process until `release()`. */
async function reservePort(): Promise<{ readonly port: number; release(): Promise<void> }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    release: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) resolve();
        else server.close(() => resolve());
      }),
  };
}

const INCIDENT = /incident `?(inc-[0-9a-f]{12})/;
const TOP = /^\*1\. ([a-z-]+)\*/;

function sectionTexts(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  const texts: string[] = [];
  for (const b of blocks) {
    if (b && typeof b === 'object' && 'text' in b) {
      const t: unknown = b.text;
      if (t && typeof t === 'object' && 'text' in t && typeof t.text === 'string') texts.push(t.text);
    }
  }
  return texts;
}

function topCauseOf(blocks: unknown): string | undefined {
  for (const t of sectionTexts(blocks)) {
    const m = TOP.exec(t);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

export async function startStack(options: StartStackOptions): Promise<Stack> {
  const started: { stop(): Promise<unknown> }[] = [];
  const stopStarted = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    await stopAllProcesses();
  };
  try {
    for (const built of [MAIN, LAB_MAIN])
      if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
    // The bot's port is needed before the bot starts (Alertmanager posts to it, Prometheus scrapes it):
    // held here until the bot takes it, so that no other process of the stack is given it meanwhile.
    const reserved = await reservePort();
    started.push({ stop: () => reserved.release() });
    const botPort = reserved.port;
    const botUrl = `http://127.0.0.1:${botPort}`;
    const redis = await startPrivateRedis();
    started.push({ stop: () => redis.dispose() });
    const slack = await startSlackStandIn();
    started.push({ stop: () => slack.close() });
    const alertmanager = await startAlertmanager({
      webhookUrl: `${botUrl}/alertmanager`,
      bearerToken: ALERTMANAGER_TOKEN,
      groupWait: '1s',
      groupInterval: '2s',
    });
    started.push(alertmanager);
    const lab = await startLab({ scenarios: options.scenarios, built: true, readyTimeoutMs: 60_000 });
    started.push(lab);
    const prometheus = await startPrometheus({
      httpSd: { 'reset-lab': lab.targetsUrl },
      staticTargets: { 'reset-doctor': [`127.0.0.1:${botPort}`] },
      alertmanagers: [alertmanager.address],
      scrapeInterval: '1s',
      evaluationInterval: '1s',
    });
    started.push(prometheus);
    await reserved.release();
    const bot = startBotProcess([], {
      PORT: String(botPort),
      REDIS_URL: redis.url,
      QUEUE_PREFIX,
      ALERTMANAGER_TOKEN,
      PROMETHEUS_URL: prometheus.url,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_ALERT_CHANNEL: ALERT_CHANNEL,
      LOG_LEVEL: 'info',
    });
    started.push({ stop: () => killBotProcess(bot) });
    await bot.waitForLine('the bot to start', (l) => l.msg === 'reset-doctor started', 60_000);

    const client = new Redis(redis.url, { maxRetriesPerRequest: 1, lazyConnect: true });
    await client.connect();
    started.push({ stop: async () => client.disconnect() });
    const store = createRedisDiagnosisStore(client, { prefix: QUEUE_PREFIX, ttlS: 3600 });

    const answers = async (): Promise<AlertAnswer[]> => {
      const inChannel = slack.calls.filter((c) => c.ok && c.body.channel === ALERT_CHANNEL);
      const roots = inChannel.filter(
        (c) => c.method === 'chat.postMessage' && c.body.thread_ts === undefined,
      );
      const result: AlertAnswer[] = [];
      for (const root of roots) {
        const ts = String(root.response?.ts);
        const latest = inChannel.filter((c) => c.method === 'chat.update' && c.body.ts === ts).at(-1) ?? root;
        const text = String(latest.body.text ?? '');
        const incidentId = INCIDENT.exec(text)?.[1] ?? '';
        result.push({
          ts,
          incidentId,
          topCause: topCauseOf(latest.body.blocks),
          text,
          blocks: latest.body.blocks,
          replies: slack.calls.filter((c) => c.ok && c.body.thread_ts === ts),
          record: incidentId ? await store.get(incidentId) : undefined,
        });
      }
      return result;
    };

    const report = async (): Promise<string> => {
      const lines: string[] = [];
      const alerts = await prometheus.alerts().catch((e: unknown) => [{ error: String(e) }]);
      lines.push(`Prometheus alerts:\n${JSON.stringify(alerts, null, 1).slice(0, 6000)}`);
      lines.push(
        `Slack calls: ${slack.calls.map((c) => `${c.method}${c.ok ? '' : ` (${c.status})`}`).join(', ')}`,
      );
      for (const a of await answers().catch(() => [])) {
        const d = a.record?.diagnosis;
        lines.push(
          `answer ${a.incidentId} groups ${JSON.stringify(a.record?.groups)}: ${a.text}\n${(
            d?.hypotheses ?? []
          )
            .map((h) => `  ${h.cause} ${h.confidence.toFixed(2)} [${h.rules.join(', ')}]`)
            .join('\n')}\n  facts: ${JSON.stringify(d?.facts ?? {}).slice(0, 3000)}`,
        );
      }
      const noisy = bot.lines.filter((l) => typeof l.level === 'number' && l.level >= 40);
      lines.push(
        `bot warnings and errors:\n${noisy
          .map((l) => JSON.stringify(l))
          .join('\n')
          .slice(-6000)}`,
      );
      lines.push(`bot stderr: ${bot.stderr().slice(-2000)}`);
      return lines.join('\n\n');
    };

    return {
      redis,
      slack,
      alertmanager,
      lab,
      prometheus,
      bot,
      botUrl,
      store,
      answers,
      report,
      slackEvent(body) {
        const ts = Math.floor(Date.now() / 1000);
        return fetch(`${botUrl}/slack/events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-slack-request-timestamp': String(ts),
            'x-slack-signature': sign(body, ts),
          },
          body,
        });
      },
      stop: stopStarted,
    };
  } catch (e) {
    await stopStarted();
    throw e;
  }
}
