/**
 * Draws a Slack answer of reset-doctor (its Block Kit message) as Slack shows it, into a PNG: the picture
 * in the README. Not run in CI.
 *
 *   # a real answer: the end-to-end test writes the messages the Slack stand-in received
 *   npm run build && RESET_DOCTOR_E2E_ANSWERS=/tmp/answers npx vitest run test/e2e
 *   cp /tmp/answers/keepalive-UpstreamConnectionResets-checkout.json docs/img/answer.json
 *   # the picture
 *   npx tsx scripts/render-answer.ts [docs/img/answer.json] [docs/img/answer.png] [--hypotheses N]
 *
 * Like Slack in a channel, a long answer is cut after its first N hypotheses (1 by default; 0: all of it)
 * and ends with "Show more".
 *
 * Needs Chromium (/usr/bin/chromium, or CHROMIUM_PATH). Emoji are drawn as small inline pictures, so no
 * emoji font is needed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { z } from 'zod';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const Text = z.object({ type: z.enum(['plain_text', 'mrkdwn']), text: z.string() });
const Button = z.object({
  type: z.literal('button'),
  text: Text,
  style: z.enum(['primary', 'danger']).optional(),
});
const Block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('header'), text: Text }),
  z.object({ type: z.literal('section'), text: Text }),
  z.object({ type: z.literal('context'), elements: z.array(Text) }),
  z.object({ type: z.literal('divider') }),
  z.object({ type: z.literal('actions'), elements: z.array(Button) }),
]);
const Message = z.object({ text: z.string().optional(), blocks: z.array(Block) });
type Block = z.infer<typeof Block>;

const svg = (body: string) => `<svg class="emoji" viewBox="0 0 20 20" aria-hidden="true">${body}</svg>`;

const CHECK = svg(
  '<rect width="20" height="20" rx="4" fill="#2eb67d"/><path d="M5 10.5l3.2 3.2L15 6.8" stroke="#fff" stroke-width="2.6" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
);
const CROSS = svg(
  '<path d="M4 4l12 12M16 4L4 16" stroke="#e01e5a" stroke-width="3.4" stroke-linecap="round"/>',
);
const WARNING = svg(
  '<path d="M10 1.5L19 18H1z" fill="#ecb22e" stroke="#ecb22e" stroke-linejoin="round"/><path d="M10 7v5.5" stroke="#1d1c1d" stroke-width="2" stroke-linecap="round"/><circle cx="10" cy="15.2" r="1.2" fill="#1d1c1d"/>',
);
const FIRE = svg(
  '<path d="M10 1c1 4 6 6 6 11a6 6 0 01-12 0c0-3 2-4 2-7 2 1 3 3 3 5 1-2 1-5 1-9z" fill="#f4900c"/><path d="M10 19a3.2 3.2 0 01-3.2-3.2c0-2 1.6-2.6 2-4.6 1.8 1.2 4.4 2.6 4.4 4.6A3.2 3.2 0 0110 19z" fill="#ffcc4d"/>',
);
const MAG = svg(
  '<circle cx="8" cy="8" r="5.5" fill="#bde0fe" stroke="#616061" stroke-width="2"/><path d="M12 12l6 6" stroke="#616061" stroke-width="3" stroke-linecap="round"/>',
);
const INFO = svg(
  '<rect width="20" height="20" rx="4" fill="#1d9bd1"/><circle cx="10" cy="5.5" r="1.5" fill="#fff"/><path d="M10 9v6.5" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/>',
);
const HOURGLASS = svg(
  '<path d="M4 2h12M4 18h12M5 2c0 5 5 6 5 8s-5 3-5 8M15 2c0 5-5 6-5 8s5 3 5 8" stroke="#616061" stroke-width="1.6" fill="none"/><path d="M7 16c1-2 2-3 3-3s2 1 3 3z" fill="#ecb22e"/>',
);
const NO_ENTRY = svg(
  '<circle cx="10" cy="10" r="9" fill="#e01e5a"/><rect x="4" y="8.5" width="12" height="3" fill="#fff"/>',
);
const SKULL = svg(
  '<path d="M10 2a7 7 0 00-7 7c0 2.5 1.2 4 2.5 5v3h9v-3c1.3-1 2.5-2.5 2.5-5a7 7 0 00-7-7z" fill="#bbb"/><circle cx="7.3" cy="9.5" r="1.8" fill="#1d1c1d"/><circle cx="12.7" cy="9.5" r="1.8" fill="#1d1c1d"/>',
);

/** Emoji the answers use, by Slack short code and as characters. */
const EMOJI: Readonly<Record<string, string>> = {
  ':white_check_mark:': CHECK,
  '✅': CHECK,
  ':x:': CROSS,
  '❌': CROSS,
  ':warning:': WARNING,
  '⚠️': WARNING,
  '⚠': WARNING,
  '🔥': FIRE,
  '🔎': MAG,
  ':information_source:': INFO,
  ℹ️: INFO,
  ':hourglass_flowing_sand:': HOURGLASS,
  ':no_entry:': NO_ENTRY,
  ':skull:': SKULL,
};
const EMOJI_PATTERN = new RegExp(
  Object.keys(EMOJI)
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'gu',
);

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Slack has already escaped &, < and > in message text: what is left of `<` starts a link or mention. */
function unescapeSlack(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const emoji = (html: string) => html.replace(EMOJI_PATTERN, (m) => EMOJI[m] ?? m);

/** Bold, italic and strike as Slack applies them: markers at word edges, not inside words. */
function inline(text: string): string {
  const parts = text.split(/(<[^<>\n]+>)/g);
  const out = parts.map((part, i) => {
    if (i % 2 === 1) {
      const inner = part.slice(1, -1);
      const [target = '', label] = inner.split('|');
      if (target.startsWith('@'))
        return `<span class="mention">@${escapeHtml(label ?? target.slice(1))}</span>`;
      if (target.startsWith('#'))
        return `<span class="mention">#${escapeHtml(label ?? target.slice(1))}</span>`;
      return `<a>${escapeHtml(label ?? target)}</a>`;
    }
    let html = escapeHtml(unescapeSlack(part));
    const edge = (marker: string, tag: string) => {
      const m = marker.replace(/[*~]/g, '\\$&');
      const re = new RegExp(
        `(^|[\\s(>])${m}([^\\s\\u200b${m}](?:[^${m}\\n]*?[^\\s\\u200b])?)${m}(?=$|[\\s.,;:!?)<])`,
        'g',
      );
      html = html.replace(re, `$1<${tag}>$2</${tag}>`);
    };
    edge('*', 'b');
    edge('_', 'i');
    edge('~', 's');
    return emoji(html.replace(/\n/g, '<br>'));
  });
  return out.join('');
}

function mrkdwn(text: string): string {
  // Code blocks, then inline code: nothing inside them is formatted.
  return text
    .split(/```([\s\S]*?)```/g)
    .map((chunk, i) => {
      if (i % 2 === 1) return `<pre>${escapeHtml(unescapeSlack(chunk))}</pre>`;
      return chunk
        .split(/(?<![\u200b\w])`([^`\n\u200b][^`\n]*?)`(?![\u200b\w])/g)
        .map((piece, j) => (j % 2 === 1 ? `<code>${escapeHtml(unescapeSlack(piece))}</code>` : inline(piece)))
        .join('');
    })
    .join('')
    .replace(/<\/pre><br>/g, '</pre>')
    .replace(/<br><pre>/g, '<pre>')
    .replace(/^(<br>)+|(<br>)+$/g, '');
}

function textHtml(t: z.infer<typeof Text>): string {
  return t.type === 'mrkdwn' ? mrkdwn(t.text) : emoji(escapeHtml(t.text));
}

function blockHtml(b: Block): string {
  switch (b.type) {
    case 'header':
      return `<div class="header">${textHtml(b.text)}</div>`;
    case 'section':
      return `<div class="section">${textHtml(b.text)}</div>`;
    case 'context':
      return `<div class="context">${b.elements.map(textHtml).join(' ')}</div>`;
    case 'divider':
      return '<hr>';
    case 'actions':
      return `<div class="actions">${b.elements
        .map((e) => `<span class="button ${e.style ?? ''}">${textHtml(e.text)}</span>`)
        .join('')}</div>`;
  }
}

const CSS = `
  @font-face { font-family: Body; src: url('${ROOT}node_modules/@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff2'); }
  @font-face { font-family: Body; font-weight: 700; src: url('${ROOT}node_modules/@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff2'); }
  @font-face { font-family: Body; font-style: italic; src: url('${ROOT}node_modules/@fontsource/dejavu-sans/files/dejavu-sans-latin-400-italic.woff2'); }
  body { margin: 0; background: #fff; font: 14.5px/1.46 Body, 'DejaVu Sans', sans-serif; color: #1d1c1d; }
  .channel { padding: 10px 20px; border-bottom: 1px solid #e8e8e8; font-weight: 700; font-size: 16px; }
  .channel span { color: #616061; font-weight: 400; font-size: 13px; margin-left: 8px; }
  .message { display: flex; gap: 9px; padding: 12px 20px 16px; width: 760px; }
  .avatar { flex: none; width: 36px; height: 36px; border-radius: 6px; background: #1f2937; color: #fff;
    font-weight: 700; font-size: 15px; display: flex; align-items: center; justify-content: center; }
  .body { flex: 1; min-width: 0; }
  .who { font-weight: 700; }
  .who .app { font-size: 10px; font-weight: 700; color: #616061; background: #e8e8e8; border-radius: 2px;
    padding: 1px 3px; margin-left: 4px; vertical-align: 1px; }
  .who .time { font-weight: 400; color: #616061; font-size: 12px; margin-left: 6px; }
  .header { font-size: 18px; font-weight: 700; margin: 6px 0 4px; }
  .section { margin: 6px 0; overflow-wrap: anywhere; }
  .context { color: #616061; font-size: 12.5px; margin: 6px 0; overflow-wrap: anywhere; }
  hr { border: 0; border-top: 1px solid #dddddd; margin: 10px 0; }
  code { font: 12px/1.5 'DejaVu Sans Mono', monospace; color: #c01343; background: #f6f6f6;
    border: 1px solid #e2e2e2; border-radius: 3px; padding: 1px 3px; }
  pre { font: 12px/1.5 'DejaVu Sans Mono', monospace; background: #f8f8f8; border: 1px solid #e2e2e2;
    border-radius: 4px; padding: 7px 9px; margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .actions { margin: 8px 0; display: flex; gap: 8px; }
  .button { border: 1px solid #c7c7c7; border-radius: 4px; padding: 3px 12px; font-weight: 700; font-size: 13px; }
  .button.primary { background: #007a5a; border-color: #007a5a; color: #fff; }
  .emoji { width: 1.05em; height: 1.05em; vertical-align: -0.17em; margin: 0 1px; }
  .more { color: #1264a3; font-size: 14px; margin-top: 4px; }
`;

/** The blocks up to the divider that opens hypothesis N+1 (all of them when N is 0 or there are fewer). */
function firstHypotheses(blocks: readonly Block[], n: number): { shown: readonly Block[]; cut: boolean } {
  if (n <= 0) return { shown: blocks, cut: false };
  let seen = 0;
  for (const [i, b] of blocks.entries()) {
    const next = blocks[i + 1];
    const opensHypothesis =
      b.type === 'divider' && next?.type === 'section' && /^\*\d+\. /.test(next.text.text);
    if (opensHypothesis && ++seen > n) return { shown: blocks.slice(0, i), cut: true };
  }
  return { shown: blocks, cut: false };
}

function page(allBlocks: readonly Block[], channel: string, hypotheses: number): string {
  const { shown: blocks, cut } = firstHypotheses(allBlocks, hypotheses);
  return `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body>
<div id="shot">
<div class="channel"># ${escapeHtml(channel)}<span>alerts from Alertmanager</span></div>
<div class="message">
  <div class="avatar">rd</div>
  <div class="body">
    <div class="who">reset-doctor<span class="app">APP</span><span class="time">10:42 AM</span></div>
    ${blocks.map(blockHtml).join('\n')}
    ${cut ? '<div class="more">Show more</div>' : ''}
  </div>
</div>
</div></body></html>`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { hypotheses: { type: 'string', default: '1' } },
  });
  const input = positionals[0] ?? join(ROOT, 'docs/img/answer.json');
  const output = positionals[1] ?? input.replace(/\.json$/, '.png');
  const hypotheses = Number(values.hypotheses);
  if (!Number.isInteger(hypotheses) || hypotheses < 0) throw new Error('--hypotheses takes a whole number');
  const message = Message.parse(JSON.parse(await readFile(input, 'utf8')) as unknown);
  const html = page(message.blocks, process.env.CHANNEL_NAME ?? 'checkout-alerts', hypotheses);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 800, height: 600 },
      deviceScaleFactor: 1.25,
    });
    const tab = await context.newPage();
    await tab.setContent(html, { waitUntil: 'load' });
    await tab.waitForFunction('document.fonts.status === "loaded"');
    const png = await tab.locator('#shot').screenshot({ type: 'png' });
    await writeFile(output, png);
    console.log(`wrote ${output} (${png.length} bytes)`);
  } finally {
    await browser.close();
  }
}

await main();
