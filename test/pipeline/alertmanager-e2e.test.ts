import { afterAll, describe, expect, it } from 'vitest';
import { type RunningAlertmanager, startAlertmanager } from '../support/alertmanager.js';
import { disposeBots, startTestBot, type TestBot, TOKEN } from '../support/bot-harness.js';
import { sleep, waitFor } from '../support/wait-for.js';

/** A real Alertmanager (Debian's prometheus-alertmanager) routing to the bot with bearer auth. */

let t: TestBot | undefined;
let am: RunningAlertmanager | undefined;
afterAll(async () => {
  await am?.stop();
  if (t) await disposeBots([t]);
});

describe('end to end with Alertmanager', () => {
  it('an alert posted to Alertmanager becomes exactly one diagnosis, updated when it resolves', async () => {
    t = await startTestBot();
    am = await startAlertmanager({ webhookUrl: `${t.url}/alertmanager`, token: TOKEN });
    const alert = {
      labels: { alertname: 'OrdersConnectionResets', service: 'orders', peer: 'payments', severity: 'page' },
      annotations: { summary: 'ECONNRESET from payments on reused keep-alive connections behind the ALB' },
      startsAt: new Date(Date.now() - 14 * 60_000).toISOString(),
    };
    await am.postAlerts([alert]);
    const bot = t;
    await waitFor('the diagnosis', () => bot.notifier.delivered.length === 1, 20_000);
    // Alertmanager re-sends the group on every group_interval when it changes and on every repeat: give it
    // time to send again (it would re-send within 2 s of a change), then check nothing was diagnosed twice.
    await am.postAlerts([alert]);
    await sleep(3_000);
    expect(bot.notifier.delivered).toHaveLength(1);
    const answer = bot.notifier.delivered[0];
    expect(answer?.subject).toMatchObject({ service: 'orders', peer: 'payments' });
    expect(answer?.alerts.names).toEqual(['OrdersConnectionResets']);
    expect(answer?.diagnosis.rulesVersion).toMatch(/^[0-9a-f]{12}$/);

    await am.postAlerts([{ ...alert, endsAt: new Date().toISOString() }]);
    await waitFor(
      'the resolution',
      () => bot.notifier.latest(answer?.incidentId ?? '')?.status === 'resolved',
      20_000,
    );
    expect(bot.notifier.delivered).toHaveLength(1);
    expect(bot.notifier.latest(answer?.incidentId ?? '')?.summary).toMatch(/resolved after 14 min/);
    // Every webhook request Alertmanager made was authenticated.
    expect(bot.logs.lines.filter((l) => String(l.msg).startsWith('webhook rejected'))).toEqual([]);
  });
});
