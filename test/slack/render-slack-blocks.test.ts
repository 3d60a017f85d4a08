import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/compose.js';
import { CAUSES } from '../../src/core/model/causes.js';
import type { Diagnosis, Hypothesis } from '../../src/core/model/diagnosis.js';
import { IncidentSchema } from '../../src/core/model/incident.js';
import {
  renderSlackAnswer,
  renderSlackFailure,
  renderSlackPending,
} from '../../src/core/render/render-slack-blocks.js';
import { renderSlackExplain } from '../../src/core/render/render-slack-explain.js';
import { renderSlackHelp, renderSlackRules } from '../../src/core/render/render-slack-rules.js';
import { bundledCore } from '../support/core.js';
import { blockProblems, visibleText } from './support/check-blocks.js';

function hypothesis(over: Partial<Hypothesis> & Pick<Hypothesis, 'cause'>): Hypothesis {
  return {
    title: 'A title',
    confidence: 0.1,
    evidence: [{ for: true, text: 'some evidence', source: 'words', rule: 'x.y', weight: 1 }],
    missing: [],
    nextSteps: [],
    rules: ['x.y'],
    ...over,
  };
}

function diagnosis(over: Partial<Diagnosis>): Diagnosis {
  return {
    incidentId: 'inc-0123456789ab',
    hypotheses: [],
    ruledOut: [],
    unexplained: 0.2,
    facts: {},
    warnings: [],
    degraded: false,
    rulesVersion: 'abcdef012345',
    ...over,
  };
}

const KEEPALIVE: Diagnosis = diagnosis({
  hypotheses: [
    hypothesis({
      cause: 'keepalive-mismatch',
      variant: 'node-5s-behind-lb',
      title: "Node.js keep-alive (5 s) shorter than the load balancer's idle timeout (60 s)",
      confidence: 0.71,
      evidence: [
        {
          for: true,
          text: "'socket hang up' on a reused connection",
          source: 'log:2',
          rule: 'keepalive.socket-hang-up-reused',
          weight: 2,
          quote: 'Error: socket hang up',
        },
        {
          for: true,
          text: 'failures come after idle periods',
          source: 'words',
          rule: 'keepalive.idle-words',
          weight: 1.2,
        },
        {
          for: false,
          text: 'no restarts in the window',
          source: 'metric:restarts',
          rule: 'keepalive.no-restarts',
          weight: -0.3,
        },
      ],
      missing: ['idle gap before failures (no timestamps in the snippet)'],
      nextSteps: [
        {
          why: 'see the FIN then RST on one port pair',
          command: "tcpdump -nn -i any 'port 8080 and (tcp[tcpflags] & (tcp-rst|tcp-fin) != 0)'",
        },
        {
          why: 'read the server keep-alive',
          command: 'curl -sv http://"$PEER":8080/',
          needs: ['PEER'],
        },
      ],
      rules: ['keepalive.node-behind-lb', 'keepalive.default-pair'],
    }),
    hypothesis({
      cause: 'idle-timeout-middlebox',
      confidence: 0.12,
      title: 'A load balancer dropped an idle connection',
    }),
    hypothesis({ cause: 'crash', confidence: 0.05, title: 'The peer process crashed mid-request' }),
    hypothesis({ cause: 'overload', confidence: 0.02, title: 'Overload' }),
  ],
  ruledOut: [
    { cause: 'port-exhaustion', why: 'failures follow idle periods, not connection churn' },
    { cause: 'conntrack-exhaustion', why: 'conntrack 31 % < 90 %' },
  ],
  unexplained: 0.1,
});

const NOTHING: Diagnosis = diagnosis({
  incidentId: 'inc-nothing00000',
  unexplained: 0.62,
  warnings: ['no log lines matched a known signature'],
});

const DEGRADED: Diagnosis = diagnosis({
  incidentId: 'inc-degraded0000',
  degraded: true,
  resetBy: 'payments (hop checkout -> payments, 3 transactions)',
  hypotheses: [
    hypothesis({ cause: 'conntrack-exhaustion', confidence: 0.55, title: 'conntrack table full on node-a' }),
  ],
  warnings: ['Prometheus did not answer: metrics not fetched'],
});

describe('Slack answer blocks', () => {
  it('a keep-alive answer: headline, evidence for and against, missing data, commands, buttons, footer', () => {
    const m = renderSlackAnswer(KEEPALIVE, {
      askedBy: 'U0ASKER',
      subject: { service: 'checkout', peer: 'payments' },
    });
    expect(blockProblems(m)).toEqual([]);
    expect(m).toMatchSnapshot();
  });

  it('an answer with no cause standing out says so and what to add', () => {
    const m = renderSlackAnswer(NOTHING);
    expect(blockProblems(m)).toEqual([]);
    expect(visibleText(m)).toContain('The input does not show a mechanism');
    expect(m).toMatchSnapshot();
  });

  it('a degraded alert answer, resolved, with feedback shown', () => {
    const m = renderSlackAnswer(DEGRADED, {
      alert: { status: 'resolved', names: ['ConntrackTableFull'], count: 2 },
      feedback: { 'conntrack-exhaustion': { confirmedBy: ['U0ALICE'], rejectedBy: ['U0BOB', 'not-an-id'] } },
    });
    expect(blockProblems(m)).toEqual([]);
    expect(m.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '✅ RESOLVED · conntrack-exhaustion · 55 %', emoji: true },
    });
    expect(m).toMatchSnapshot();
  });

  it('placeholder, failure, explain, rules and help messages', () => {
    const pending = renderSlackPending('inc-0123456789ab', [
      'big.log (5.0 MiB) is larger than 1.0 MiB; not read',
    ]);
    const failure = renderSlackFailure('inc-0123456789ab', 'Redis <down> & out');
    const help = renderSlackHelp('/reset-doctor');
    const rules = renderSlackRules(
      [
        { id: 'keepalive.node-behind-lb', cause: 'keepalive-mismatch', weight: 3.8 },
        { id: 'overload.cpu-high', cause: 'overload', weight: 2 },
      ],
      new Map([['keepalive.node-behind-lb', { confirmed: 3, rejected: 1 }]]),
      'abcdef012345',
    );
    for (const m of [pending, failure, help, rules]) expect(blockProblems(m)).toEqual([]);
    expect(visibleText(failure)).toContain('Redis &lt;down&gt; &amp; out');
    expect({ pending, failure, help, rules }).toMatchSnapshot();
  });

  it('40 hypotheses and 100 KB of evidence stay within Slack limits, and the footer survives', () => {
    const chunk = `${'x'.repeat(40)} & <tag> `;
    const hypotheses: Hypothesis[] = Array.from({ length: 40 }, (_, i) =>
      hypothesis({
        cause: CAUSES[i % CAUSES.length] ?? 'crash',
        confidence: 0.02,
        title: `Hypothesis ${i} ${chunk.repeat(20)}`,
        evidence: Array.from({ length: 10 }, (_, j) => ({
          for: j % 3 !== 0,
          text: `evidence ${j} ${chunk.repeat(5)}`,
          source: `log:${j}`,
          rule: `r.${j}`,
          weight: 1,
          quote: '```'.repeat(30),
        })),
        missing: Array.from({ length: 6 }, () => chunk.repeat(30)),
        nextSteps: Array.from({ length: 5 }, () => ({ why: chunk, command: `echo '${'```'.repeat(200)}'` })),
        rules: Array.from({ length: 80 }, (_, j) => `rule.number-${j}-${'y'.repeat(20)}`),
      }),
    );
    const d = diagnosis({
      hypotheses,
      ruledOut: Array.from({ length: 15 }, (_, i) => ({
        cause: CAUSES[i] ?? 'crash',
        why: chunk.repeat(10),
      })),
      warnings: Array.from({ length: 30 }, () => chunk.repeat(10)),
    });
    const size = JSON.stringify(d).length;
    expect(size).toBeGreaterThan(100_000);
    const m = renderSlackAnswer(d, { top: 40 });
    expect(blockProblems(m)).toEqual([]);
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    const last = m.blocks[m.blocks.length - 1];
    expect(last?.type).toBe('context');
    expect(JSON.stringify(last)).toContain('rules');
    expect(visibleText(m)).toContain('Also possible');
  });

  it('cuts never split an escape: every cut point of a text full of & < > stays well-formed', () => {
    const d = diagnosis({
      hypotheses: [hypothesis({ cause: 'crash', title: '&<>'.repeat(2000), confidence: 0.5 })],
    });
    const m = renderSlackAnswer(d);
    expect(blockProblems(m)).toEqual([]);
    expect(visibleText(m)).toContain('&amp;&lt;&gt;');
    expect(visibleText(m)).toContain('…');
  });
});

describe('Slack answers for real diagnoses', () => {
  const examplesDir = join(PACKAGE_ROOT, 'examples');
  const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.json'));

  it.each(examples)('%s renders within limits, headline naming the top cause', async (file) => {
    const core = await bundledCore();
    const raw: unknown = JSON.parse(readFileSync(join(examplesDir, file), 'utf8'));
    const incident = IncidentSchema.parse((raw as { incident: unknown }).incident);
    const d = await core.diagnose(incident);
    const m = renderSlackAnswer(d);
    expect(blockProblems(m)).toEqual([]);
    const first = d.hypotheses[0];
    if (first) expect(JSON.stringify(m.blocks[0])).toContain(first.cause);
    const explain = renderSlackExplain({
      cause: 'overload',
      explanations: await core.explain(incident, 'overload'),
      unitOf: core.unitOf,
      diagnosis: d,
      incidentId: d.incidentId,
    });
    expect(blockProblems(explain)).toEqual([]);
  });

  it('injected mentions, broadcasts, escapes and mrkdwn in labels and logs come out inert', async () => {
    const core = await bundledCore();
    const nasty =
      '<!channel> <@U123> <!subteam^S0ABC> &lt; *bold* _it_ ~gone~ `code` @here :skull: <https://evil.example|click>';
    const incident = IncidentSchema.parse({
      service: 'checkout<!here>',
      peer: 'pay*ments*',
      log: `2026-11-24T09:12:01Z ERROR ${nasty}\nError: read ECONNRESET ${nasty}\n    at TCP.onStreamRead (node:internal/stream_base_commons:217:20)`,
      context: `behind the ALB, fails after idle ${nasty}`,
      alert: {
        status: 'firing',
        labels: { alertname: `HighResets${nasty}`, service: 'checkout', team: nasty },
        annotations: { summary: nasty },
      },
    });
    const d = await core.diagnose(incident);
    const m = renderSlackAnswer(d, {
      subject: { service: 'checkout<!here>', peer: 'pay*ments*' },
      alert: { status: 'firing', names: [`HighResets${nasty}`] },
      notes: [nasty],
    });
    expect(blockProblems(m)).toEqual([]);
    const all = JSON.stringify(m);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U123>');
    expect(all).not.toContain('<!subteam');
    expect(all).not.toContain('<https://');
    const shown = visibleText(m);
    // Inside code spans and blocks nothing is formatted; outside them, no marker may touch a word.
    const prose = shown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
    expect(prose).toContain('bold');
    expect(prose).not.toMatch(/(^|\s)\*bold\*/);
    expect(prose).not.toMatch(/(^|\s)_it_/);
    expect(prose).not.toMatch(/(^|\s)~gone~/);
    expect(prose).not.toMatch(/:skull:/);
    expect(prose).not.toMatch(/(^|[^\u200b])@here/);
    expect(shown).toContain('&lt;!channel&gt;');
    expect(shown).toContain('&amp;lt;');
  });
});
