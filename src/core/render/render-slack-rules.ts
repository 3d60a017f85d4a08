import { CAUSES, type Cause } from '../model/causes.js';
import type { Block, SlackMessage } from './slack-blocks.js';
import { SLACK_LIMITS } from './slack-blocks.js';
import { codeSpan, escapeSlack } from './slack-text.js';

/** The `/reset-doctor rules` and `/reset-doctor help` answers. */

export interface RuleSummary {
  readonly id: string;
  readonly cause: Cause;
  readonly weight: number;
}

export interface RuleVotes {
  readonly confirmed: number;
  readonly rejected: number;
}

function pack(lines: readonly string[], max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current.length === 0 ? line : `${current}\n${line}`;
    if (next.length > max && current.length > 0) {
      out.push(current);
      current = line;
    } else {
      current = next;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

export function renderSlackRules(
  rules: readonly RuleSummary[],
  votes: ReadonlyMap<string, RuleVotes>,
  version: string,
  only?: Cause,
): SlackMessage {
  const lines: string[] = [];
  for (const cause of CAUSES) {
    if (only && cause !== only) continue;
    const own = rules.filter((r) => r.cause === cause);
    if (own.length === 0) continue;
    lines.push(`*${escapeSlack(cause)}*`);
    for (const r of own) {
      const v = votes.get(r.id) ?? { confirmed: 0, rejected: 0 };
      lines.push(
        `${codeSpan(r.id)} ${r.weight > 0 ? '+' : ''}${r.weight} · :white_check_mark: ${v.confirmed} · :x: ${v.rejected}`,
      );
    }
  }
  const shown = only ? rules.filter((r) => r.cause === only).length : rules.length;
  const intro = `*${shown} rules* (version ${codeSpan(version)}): weight, then how often people confirmed or rejected the causes they supported.`;
  const sections = pack(lines, SLACK_LIMITS.sectionText);
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: intro, verbatim: true } }];
  const room = SLACK_LIMITS.blocks - 2;
  for (const text of sections.slice(0, room))
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } });
  if (sections.length > room)
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'More rules than fit here: use `/reset-doctor rules &lt;cause&gt;`.' },
      ],
    });
  return { text: `reset-doctor: ${shown} rules`, blocks };
}

export function renderSlackHelp(command: string): SlackMessage {
  const c = escapeSlack(command);
  const text = [
    '*reset-doctor* explains intermittent connection resets (ECONNRESET, socket hang up, upstream reset).',
    '',
    `• Mention me (or DM me) with a log snippet in a code block and a few words: \`service=orders peer=payments behind an ALB, fails after idle\`. A text file attached to the message is read too.`,
    '• Reply `why not &lt;cause&gt;` in an answer thread to see the reasoning about a cause.',
    '• Press *This was it* / *Not it* on a hypothesis: the votes are kept with the rules that produced it.',
    '',
    `\`${c} help\` this help · \`${c} rules [cause]\` every rule with its votes · \`${c} diagnose &lt;text&gt;\` diagnose text in this channel`,
  ].join('\n');
  return { text: 'reset-doctor help', blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
