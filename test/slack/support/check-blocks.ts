import type { Block, SlackMessage, TextObject } from '../../../src/core/render/slack-blocks.js';
import { SLACK_LIMITS } from '../../../src/core/render/slack-blocks.js';

/**
 * Slack's limits and our own escaping rules, checked on a rendered message: returns every violation
 * (an empty list means Slack will take it and nothing in it can ping or link anyone by accident).
 */

function texts(block: Block): { where: string; text: TextObject; max: number }[] {
  switch (block.type) {
    case 'header':
      return [{ where: 'header', text: block.text, max: SLACK_LIMITS.headerText }];
    case 'section':
      return [{ where: 'section', text: block.text, max: SLACK_LIMITS.sectionText }];
    case 'context':
      return block.elements.map((t) => ({ where: 'context', text: t, max: SLACK_LIMITS.contextText }));
    case 'actions':
      return block.elements.map((b) => ({ where: 'button', text: b.text, max: SLACK_LIMITS.buttonText }));
    case 'divider':
      return [];
  }
}

/** `&` only as one of the three escapes; `<` only in mentions of real user ids we rendered ourselves. */
export function escapeProblems(s: string): string[] {
  const problems: string[] = [];
  for (const m of s.matchAll(/&(?!amp;|lt;|gt;)/g))
    problems.push(`bare & at ${m.index}: ${s.slice(m.index, m.index + 12)}`);
  for (const m of s.matchAll(/</g)) {
    const rest = s.slice(m.index);
    if (!/^<@[UW][A-Z0-9]{2,20}>/.test(rest)) problems.push(`raw < at ${m.index}: ${rest.slice(0, 20)}`);
  }
  if (s.includes('>') && s.replace(/<@[UW][A-Z0-9]{2,20}>/g, '').includes('>')) problems.push('raw >');
  const fences = s.match(/```/g)?.length ?? 0;
  if (fences % 2 !== 0) problems.push('unbalanced code fence');
  return problems;
}

export function blockProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  if (message.blocks.length > SLACK_LIMITS.blocks) problems.push(`${message.blocks.length} blocks`);
  if (message.text.length > SLACK_LIMITS.fallbackText) problems.push(`fallback text ${message.text.length}`);
  problems.push(...escapeProblems(message.text).map((p) => `fallback: ${p}`));
  message.blocks.forEach((block, i) => {
    if (block.type === 'context' && block.elements.length > SLACK_LIMITS.contextElements)
      problems.push(`block ${i}: ${block.elements.length} context elements`);
    if (block.type === 'actions')
      for (const b of block.elements) {
        if (b.value.length > SLACK_LIMITS.buttonValue)
          problems.push(`block ${i}: button value ${b.value.length}`);
        if (b.action_id.length > SLACK_LIMITS.actionId) problems.push(`block ${i}: action id too long`);
      }
    if (block.block_id && block.block_id.length > SLACK_LIMITS.blockId)
      problems.push(`block ${i}: block id too long`);
    for (const { where, text, max } of texts(block)) {
      if (text.text.length === 0) problems.push(`block ${i} ${where}: empty text`);
      if (text.text.length > max)
        problems.push(`block ${i} ${where}: ${text.text.length} > ${max} characters`);
      if (text.type === 'mrkdwn')
        problems.push(...escapeProblems(text.text).map((p) => `block ${i} ${where}: ${p}`));
    }
  });
  return problems;
}

/** All the text a person would see, joined (for "is this word shown?" checks). */
export function visibleText(message: SlackMessage): string {
  return message.blocks.flatMap((b) => texts(b).map((t) => t.text.text)).join('\n');
}
