import { inert } from './render-text.js';

/**
 * Making untrusted text (logs, labels, people's words, anything a rule quoted) inert in Slack mrkdwn.
 *
 * Slack reads `&`, `<` and `>` as control characters: `<!channel>`, `<@U123>`, `<!subteam^S1>` and links are
 * written with them, so escaping the three makes every mention and link in the input plain text. Formatting
 * markers (`*bold*`, `_italic_`, `~strike~`, `` `code` ``), `&gt;` quotes at a line start and `:emoji:` codes
 * are broken with zero-width spaces, which Slack does not count as word characters or white space, so a
 * marker can neither open nor close formatting. Bare `@channel`-like words are broken the same way (the
 * blocks also set `verbatim`). Truncation works on the raw text and re-escapes, so it never cuts an escape.
 */

const ZWSP = '\u200b';
const WORD = /[\p{L}\p{N}]/u;

export function escapeSlack(s: string): string {
  return inert(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped and with every formatting marker, quote, emoji code and broadcast word made inert. */
export function inertText(s: string): string {
  return (
    escapeSlack(s)
      // Inside a word (`elb_502_ratio`) a marker cannot format and stays as it is, so names copy cleanly.
      .replace(/[*_~`]/g, (m, at: number, all: string) =>
        m !== '`' && WORD.test(all[at - 1] ?? '') && WORD.test(all[at + 1] ?? '') ? m : `${ZWSP}${m}${ZWSP}`,
      )
      .replace(/^(\s*)&gt;/gm, `$1${ZWSP}&gt;`)
      .replace(/:(?=[a-z0-9_+-]*[a-z][a-z0-9_+-]*:)/gi, `:${ZWSP}`)
      .replace(/@(channel|here|everyone)\b/gi, `@${ZWSP}$1`)
  );
}

/** Inline code: nothing inside is formatted; a backtick would end it, so it becomes a look-alike. */
export function codeSpan(s: string): string {
  const body = escapeSlack(s)
    .replace(/`/g, 'ˋ')
    .replace(/\s*\n\s*/g, ' ⏎ ');
  return body.trim() === '' ? '' : `\`${body}\``;
}

/** A fenced code block; runs of backticks inside cannot close it. */
export function codeBlock(s: string): string {
  const body = escapeSlack(s).replace(/`(?=`)/g, `\`${ZWSP}`);
  const padded = `${body.startsWith('`') ? ZWSP : ''}${body}${body.endsWith('`') ? ZWSP : ''}`;
  return `\`\`\`${padded}\`\`\``;
}

/** Code points, so a cut never splits a surrogate pair. */
function codePoints(s: string): string[] {
  return Array.from(s);
}

/**
 * The longest prefix of `raw` whose rendering fits `max` characters; a cut prefix ends with `…` before
 * rendering, so escapes, code fences and markup added by `render` are always whole.
 */
export function fitText(raw: string, max: number, render: (s: string) => string = inertText): string {
  const whole = render(raw);
  if (whole.length <= max) return whole;
  const cps = codePoints(raw);
  let lo = 0;
  let hi = cps.length - 1;
  let best = render('…');
  if (best.length > max) return '';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = render(`${cps.slice(0, mid).join('').trimEnd()}…`);
    if (candidate.length <= max) {
      best = candidate;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

/** Joins rendered lines up to `max` characters; what does not fit is counted in a last line. */
export function joinWithin(lines: readonly string[], max: number, separator = '\n'): string {
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const cost = (out.length > 0 ? separator.length : 0) + line.length;
    const rest = lines.length - i - 1;
    const reserve = rest > 0 ? separator.length + 24 : 0;
    if (used + cost + reserve > max) {
      const more = `_…and ${lines.length - i} more_`;
      if (used + separator.length + more.length <= max) out.push(more);
      break;
    }
    out.push(line);
    used += cost;
  }
  return out.join(separator);
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** A mention of a Slack user id taken from Slack's own payload; anything else is rendered inert. */
export function userMention(id: string): string {
  return SLACK_USER_ID.test(id) ? `<@${id}>` : inertText(id);
}

export function isSlackUserId(id: string): boolean {
  return SLACK_USER_ID.test(id);
}
