import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { CAUSE_INFO, CAUSES } from '../../../core/model/causes.js';
import { IncidentSchema } from '../../../core/model/incident.js';
import type { CheckRegex } from '../../../core/rules/lint-rules.js';
import type { ShellQuote } from '../../../core/rules/template.js';
import { createRegexSafetyCheck } from '../../regex/check-regex-safety.js';
import { createRulesWorkbench, EDITABLE_FILE, type ServedRules } from './rules-workbench.js';

/**
 * The rule playground: a page (static HTML, JS and CSS, no build step) and a small JSON API, as a fastify
 * plugin the bot's server registers when PLAYGROUND=1:
 *
 *   app.register(playgroundPlugin, { prefix: '/playground', rules: provider, quote })
 *
 * GET  /                page        GET  /api/rules     the serving rule files
 * POST /api/diagnose    answer and every cause's "why not" (optionally with an edited file)
 * POST /api/lint        problems of the set with an edited file
 * POST /api/test        the edited file's tests
 *
 * Nothing is written to disk. The page builds every element with textContent (never innerHTML) and the
 * responses carry a strict Content-Security-Policy.
 */

export interface PlaygroundOptions {
  /** The rules the bot serves (a RulesProvider). */
  readonly rules: ServedRules;
  readonly quote: ShellQuote;
  /** Regex safety for edited `matches` patterns (default: recheck with a 2 s budget, cached). */
  readonly checkRegex?: CheckRegex;
  /** Largest request body (default 2 MiB: a pasted log). */
  readonly bodyLimit?: number;
}

/** playground/ at the package root: the same path from src/ (tests) and dist/ (the bot). */
const STATIC_DIR = fileURLToPath(new URL('../../../../playground/', import.meta.url));

const ASSETS: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const EditSchema = z
  .object({
    file: z.string().regex(EDITABLE_FILE, 'a file name such as crash.json'),
    text: z.string().max(1_000_000),
  })
  .strict();

const DiagnoseBody = z.object({ incident: IncidentSchema, edit: EditSchema.optional() }).strict();

function secure(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store');
}

function badRequest(reply: FastifyReply, error: z.ZodError): FastifyReply {
  const issue = error.issues[0];
  return secure(reply)
    .code(400)
    .send({ error: issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'invalid request' });
}

export const playgroundPlugin: FastifyPluginAsync<PlaygroundOptions> = async (app, options) => {
  const assets = new Map<string, Buffer>();
  for (const name of Object.keys(ASSETS)) assets.set(name, await readFile(`${STATIC_DIR}${name}`));
  const workbench = createRulesWorkbench({
    rules: options.rules,
    quote: options.quote,
    checkRegex: options.checkRegex ?? createRegexSafetyCheck({ timeoutMs: 2_000 }),
  });
  const bodyLimit = options.bodyLimit ?? 2 * 1024 * 1024;

  const sendAsset = (name: string) => async (_req: unknown, reply: FastifyReply) =>
    secure(reply)
      .type(ASSETS[name] ?? 'application/octet-stream')
      .send(assets.get(name));
  app.get('/', async (req, reply) => {
    // Relative URLs in the page (app.js, api/...) need the trailing slash.
    const path = req.url.split('?')[0] ?? '';
    if (!path.endsWith('/')) return reply.redirect(`${path}/`);
    return sendAsset('index.html')(req, reply);
  });
  app.get('/app.js', sendAsset('app.js'));
  app.get('/style.css', sendAsset('style.css'));

  app.get('/api/rules', async (_req, reply) =>
    secure(reply).send({
      ...workbench.files(),
      causes: CAUSES.map((c) => ({ cause: c, title: CAUSE_INFO[c].title })),
    }),
  );

  app.post('/api/diagnose', { bodyLimit }, async (req, reply) => {
    const body = DiagnoseBody.safeParse(req.body);
    if (!body.success) return badRequest(reply, body.error);
    return secure(reply).send(await workbench.diagnose(body.data.incident, body.data.edit));
  });

  app.post('/api/lint', { bodyLimit }, async (req, reply) => {
    const edit = EditSchema.safeParse(req.body);
    if (!edit.success) return badRequest(reply, edit.error);
    const set = workbench.check(edit.data);
    return secure(reply).send({ problems: set.problems, ok: set.core !== undefined });
  });

  app.post('/api/test', { bodyLimit }, async (req, reply) => {
    const edit = EditSchema.safeParse(req.body);
    if (!edit.success) return badRequest(reply, edit.error);
    return secure(reply).send(await workbench.test(edit.data));
  });
};
