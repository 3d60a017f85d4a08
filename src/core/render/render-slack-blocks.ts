import type { Cause } from '../model/causes.js';
import type { Diagnosis, Hypothesis } from '../model/diagnosis.js';
import { formatDuration } from './format-duration.js';
import { percent as plainPercent } from './render-text.js';
import type { ActionsBlock, Block, ContextBlock, Mrkdwn, SlackMessage } from './slack-blocks.js';
import { SLACK_LIMITS } from './slack-blocks.js';
import { codeBlock, codeSpan, escapeSlack, fitText, joinWithin, userMention } from './slack-text.js';

/**
 * The Slack answer: short at the top (the most likely cause, how sure, why), deep below (each top
 * hypothesis with evidence for and against, the data that would settle it and commands to run), honest
 * about the rest (what else is possible, what was ruled out, what is left unexplained). Every piece of
 * text that came from the input is inert; every block respects Slack's limits.
 */

export const FEEDBACK_CONFIRM = 'reset-doctor.feedback.confirm';
export const FEEDBACK_REJECT = 'reset-doctor.feedback.reject';

/** Who said "this was it" / "not it" for one cause of this incident (Slack user ids). */
export interface CauseFeedback {
  readonly confirmedBy: readonly string[];
  readonly rejectedBy: readonly string[];
}

export interface AlertHeadline {
  readonly status: 'firing' | 'resolved';
  /** Alert names of the group, shown inert. */
  readonly names: readonly string[];
  readonly count?: number;
  /** Alerts still firing (shown when fewer than `count`). */
  readonly firing?: number;
  /** From the first alert's start to the resolution. */
  readonly resolvedAfterS?: number;
}

export interface SlackAnswerOptions {
  /** Hypotheses shown in full (the rest go in one line). */
  readonly top?: number;
  readonly feedback?: Readonly<Partial<Record<Cause, CauseFeedback>>>;
  readonly alert?: AlertHeadline;
  /** Slack user who asked (mentions and slash commands). */
  readonly askedBy?: string;
  /** Service and peer the answer is about, when known. */
  readonly subject?: { readonly service?: string; readonly peer?: string };
  /** Notes about the input itself (a file too large, a link not understood). */
  readonly notes?: readonly string[];
  /** false: no feedback buttons (e.g. previews). */
  readonly buttons?: boolean;
}

/** The value carried by a feedback button: enough to record the vote without any lookup. */
export interface FeedbackButtonValue {
  readonly incidentId: string;
  readonly cause: Cause;
  readonly rules: readonly string[];
}

const MAX_EVIDENCE = 8;
const MAX_MISSING = 3;
const MAX_STEPS = 3;
const LINE = 400;

/** Never "0 %" for a hypothesis that is listed, never "100 %" while something else remains possible. */
export function percent(x: number): string {
  if (x > 0 && x < 0.01) return `${Math.max(0.1, Math.round(x * 1000) / 10).toFixed(1)} %`;
  if (x < 1 && x >= 0.99) return `${(Math.floor(x * 1000) / 10).toFixed(1)} %`;
  return plainPercent(x);
}

function mrkdwn(text: string): Mrkdwn {
  return { type: 'mrkdwn', text, verbatim: true };
}

function section(text: string): Block {
  return { type: 'section', text: mrkdwn(text.length > 0 ? text : ' ') };
}

function context(...texts: string[]): ContextBlock {
  return {
    type: 'context',
    elements: texts
      .filter((t) => t.length > 0)
      .slice(0, SLACK_LIMITS.contextElements)
      .map((t) => mrkdwn(t.slice(0, SLACK_LIMITS.contextText))),
  };
}

function headerText(s: string): string {
  const cps = Array.from(s);
  return cps.length <= SLACK_LIMITS.headerText ? s : `${cps.slice(0, SLACK_LIMITS.headerText - 1).join('')}…`;
}

export function encodeFeedbackValue(v: FeedbackButtonValue): string {
  const rules = [...v.rules];
  let value = JSON.stringify({ i: v.incidentId, c: v.cause, r: rules });
  while (value.length > SLACK_LIMITS.buttonValue && rules.length > 0) {
    rules.pop();
    value = JSON.stringify({ i: v.incidentId, c: v.cause, r: rules });
  }
  return value;
}

function headline(d: Diagnosis, alert: AlertHeadline | undefined): string {
  const first = d.hypotheses[0];
  const answer = first ? `${first.cause} · ${percent(first.confidence)}` : 'no cause stands out';
  if (!alert) return headerText(`🔎 ${answer}`);
  const state =
    alert.status === 'firing'
      ? '🔥 FIRING'
      : `✅ RESOLVED${alert.resolvedAfterS === undefined ? '' : ` after ${formatDuration(alert.resolvedAfterS)}`}`;
  return headerText(`${state} · ${answer}`);
}

function evidenceLines(h: Hypothesis): string[] {
  const sorted = [...h.evidence].sort((a, b) => Number(b.for) - Number(a.for) || b.weight - a.weight);
  const lines = sorted.slice(0, MAX_EVIDENCE).map((e) => {
    const mark = e.for ? ':white_check_mark:' : ':x:';
    const quote = e.quote ? ` ${fitText(e.quote, 160, codeSpan)}` : '';
    return `${mark} ${fitText(e.text, LINE)}${quote} _(${fitText(e.source, 60)})_`;
  });
  if (sorted.length > MAX_EVIDENCE) lines.push(`_…and ${sorted.length - MAX_EVIDENCE} more_`);
  return lines;
}

function feedbackLine(f: CauseFeedback | undefined): string {
  if (!f) return '';
  const parts: string[] = [];
  if (f.confirmedBy.length > 0)
    parts.push(`:white_check_mark: confirmed by ${f.confirmedBy.slice(0, 8).map(userMention).join(', ')}`);
  if (f.rejectedBy.length > 0)
    parts.push(`:x: not it for ${f.rejectedBy.slice(0, 8).map(userMention).join(', ')}`);
  return parts.join(' · ');
}

function hypothesisBlocks(
  d: Diagnosis,
  h: Hypothesis,
  rank: number,
  options: SlackAnswerOptions,
  compact: boolean,
): Block[] {
  const blocks: Block[] = [{ type: 'divider' }];
  const variant = h.variant ? ` · ${codeSpan(h.variant)}` : '';
  const head = `*${rank}. ${escapeSlack(h.cause)}*${variant} · *${percent(h.confidence)}*\n${fitText(h.title, LINE)}`;
  blocks.push(section(joinWithin([head, ...evidenceLines(h)], SLACK_LIMITS.sectionText)));
  if (!compact && h.missing.length > 0) {
    const missing = h.missing.slice(0, MAX_MISSING).map((m) => `• ${fitText(m, 300)}`);
    if (h.missing.length > MAX_MISSING) missing.push(`_…and ${h.missing.length - MAX_MISSING} more_`);
    blocks.push(section(joinWithin(['*Would settle it*', ...missing], SLACK_LIMITS.sectionText)));
  }
  if (!compact && h.nextSteps.length > 0) {
    const steps = h.nextSteps.slice(0, MAX_STEPS).map((s) => {
      const needs =
        s.needs && s.needs.length > 0 ? ` (set ${s.needs.map((n) => codeSpan(n)).join(' ')})` : '';
      return `${fitText(s.why, 300)}${needs}\n${fitText(s.command, 900, codeBlock)}`;
    });
    blocks.push(section(joinWithin(['*Next steps*', ...steps], SLACK_LIMITS.sectionText)));
  }
  if (options.buttons !== false) {
    const value = encodeFeedbackValue({ incidentId: d.incidentId, cause: h.cause, rules: h.rules });
    const actions: ActionsBlock = {
      type: 'actions',
      block_id: `feedback:${h.cause}`,
      elements: [
        {
          type: 'button',
          action_id: FEEDBACK_CONFIRM,
          text: { type: 'plain_text', text: '✅ This was it', emoji: true },
          value,
          style: 'primary',
        },
        {
          type: 'button',
          action_id: FEEDBACK_REJECT,
          text: { type: 'plain_text', text: '❌ Not it', emoji: true },
          value,
        },
      ],
    };
    blocks.push(actions);
  }
  const fb = feedbackLine(options.feedback?.[h.cause]);
  if (fb) blocks.push(context(fb));
  return blocks;
}

function summaryBlock(d: Diagnosis, options: SlackAnswerOptions): Block {
  const first = d.hypotheses[0];
  const lines: string[] = [];
  if (options.alert && options.alert.names.length > 0) {
    const names = options.alert.names.slice(0, 5).map((n) => fitText(n, 100, codeSpan));
    const count = options.alert.count ?? 0;
    const firing = options.alert.firing;
    const still =
      options.alert.status === 'firing' && firing !== undefined && firing < count
        ? `, ${firing} still firing`
        : '';
    lines.push(`Alert ${names.join(', ')}${count > 1 ? ` (${count} alerts${still})` : ''}`);
  }
  if (first) {
    lines.push(`*${fitText(first.title, LINE)}*`);
    const why = [...first.evidence]
      .filter((e) => e.for)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 2)
      .map((e) => fitText(e.text.replace(/[.\s]+$/, ''), 200));
    if (why.length > 0) lines.push(`Why: ${why.join('; ')}.`);
  } else
    lines.push(
      '*The input does not show a mechanism.* Add the log lines around the failure, the proxy or load balancer in between, or a capture (`tcpdump -nn`).',
    );
  if (d.resetBy) lines.push(`Reset by: ${fitText(d.resetBy, 300)}`);
  if (d.degraded)
    lines.push(':warning: Metrics could not be fetched: this answer rests on logs, words and alerts only.');
  for (const note of options.notes ?? []) lines.push(`:information_source: ${fitText(note, 300)}`);
  return section(joinWithin(lines, SLACK_LIMITS.sectionText));
}

function subjectLine(d: Diagnosis, options: SlackAnswerOptions): string {
  const parts = [`incident ${codeSpan(d.incidentId)}`];
  const service = options.subject?.service;
  const peer = options.subject?.peer;
  if (service) parts.push(`service ${fitText(service, 100, codeSpan)}`);
  if (peer) parts.push(`peer ${fitText(peer, 100, codeSpan)}`);
  if (options.askedBy) parts.push(`asked by ${userMention(options.askedBy)}`);
  return parts.join(' · ');
}

function footerBlocks(d: Diagnosis, shown: number): Block[] {
  const blocks: Block[] = [];
  const rest = d.hypotheses.slice(shown);
  if (rest.length > 0) {
    const items = rest.map((h) => `${escapeSlack(h.cause)} ${percent(h.confidence)}`);
    blocks.push(context(`*Also possible:* ${joinWithin(items, SLACK_LIMITS.contextText - 20, ', ')}`));
  }
  if (d.ruledOut.length > 0) {
    const items = d.ruledOut.map((r) => `${escapeSlack(r.cause)} (${fitText(r.why, 160)})`);
    blocks.push(context(`*Ruled out:* ${joinWithin(items, SLACK_LIMITS.contextText - 20, '; ')}`));
  }
  if (d.warnings.length > 0) {
    const items = d.warnings.slice(0, 5).map((w) => `:warning: ${fitText(w, 300)}`);
    blocks.push(context(joinWithin(items, SLACK_LIMITS.contextText, '\n')));
  }
  blocks.push(
    context(
      `reset-doctor · rules ${codeSpan(d.rulesVersion)} · ${Math.round(d.unexplained * 100)} % left for something else · reply \`why not &lt;cause&gt;\` in this thread for the reasoning`,
    ),
  );
  return blocks;
}

/** The full answer for one diagnosis. */
export function renderSlackAnswer(d: Diagnosis, options: SlackAnswerOptions = {}): SlackMessage {
  const top = Math.max(1, options.top ?? 3);
  const head: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: headline(d, options.alert), emoji: true } },
    summaryBlock(d, options),
    context(subjectLine(d, options)),
  ];
  // Deep sections for the first hypotheses, compact ones while room remains, the footer always.
  let shown = 0;
  const body: Block[] = [];
  for (const h of d.hypotheses) {
    if (shown >= top) break;
    const footer = footerBlocks(d, shown + 1);
    const full = hypothesisBlocks(d, h, shown + 1, options, false);
    const budget = SLACK_LIMITS.blocks - head.length - footer.length - body.length;
    const candidate = full.length <= budget ? full : hypothesisBlocks(d, h, shown + 1, options, true);
    if (candidate.length > budget) break;
    body.push(...candidate);
    shown++;
  }
  const blocks = [...head, ...body, ...footerBlocks(d, shown)];
  return { text: fallbackText(d, options), blocks };
}

function fallbackText(d: Diagnosis, options: SlackAnswerOptions): string {
  const first = d.hypotheses[0];
  const status = options.alert ? `${options.alert.status === 'firing' ? 'FIRING' : 'RESOLVED'} · ` : '';
  const answer = first
    ? `${first.cause} (${percent(first.confidence)}): ${fitText(first.title, 300)}`
    : 'no cause stands out';
  return `${status}reset-doctor: ${answer} · incident ${escapeSlack(d.incidentId)}`;
}

/** The placeholder posted at once, updated with the answer later. */
export function renderSlackPending(incidentId: string, notes: readonly string[] = []): SlackMessage {
  const lines = [`:hourglass_flowing_sand: Diagnosing… incident ${codeSpan(incidentId)}`];
  for (const note of notes) lines.push(`:information_source: ${fitText(note, 300)}`);
  return {
    text: `reset-doctor: diagnosing… incident ${escapeSlack(incidentId)}`,
    blocks: [section(joinWithin(lines, SLACK_LIMITS.sectionText))],
  };
}

/** What the thread says when the diagnosis itself failed. */
export function renderSlackFailure(incidentId: string, reason: string): SlackMessage {
  return {
    text: `reset-doctor could not diagnose incident ${escapeSlack(incidentId)}`,
    blocks: [
      section(
        `:warning: *Could not diagnose this one* (incident ${codeSpan(incidentId)}): ${fitText(reason, 1500)}\nTry again in a moment; if it keeps failing, quote the incident id to whoever runs reset-doctor.`,
      ),
    ],
  };
}

/** A short thread reply (resolution, re-diagnosis, notes). */
export function renderSlackNote(text: string, detail?: string): SlackMessage {
  const lines = [text];
  if (detail) lines.push(fitText(detail, 2000));
  return {
    text: text.replace(/[*_]/g, ''),
    blocks: [section(joinWithin(lines, SLACK_LIMITS.sectionText))],
  };
}
