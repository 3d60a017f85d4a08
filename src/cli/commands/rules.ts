import { relative } from 'node:path';
import { type Command, Option } from 'commander';
import { Redis } from 'ioredis';
import { readCatalogue } from '../../adapters/catalogue/read-catalogue.js';
import { createJsonlHistory } from '../../adapters/history/read-jsonl-history.js';
import { createRedisDiagnosisStore } from '../../adapters/redis/redis-diagnosis-store.js';
import { createRegexSafetyCheck } from '../../adapters/regex/check-regex-safety.js';
import { readOverridesSource } from '../../adapters/rule-files/read-overrides-source.js';
import { readRuleSources } from '../../adapters/rule-files/read-rule-sources.js';
import { createRedisSlackState, slackPrefixOf } from '../../adapters/slack/redis-slack-state.js';
import { type BacktestReport, backtestRules } from '../../app/backtest-rules.js';
import type { DiagnosisHistory } from '../../app/diagnosis-history.js';
import { createStoredDiagnosisHistory } from '../../app/stored-diagnosis-history.js';
import { coreFromSnapshot, DEFAULT_CATALOGUE, DEFAULT_RULES_DIR, loadSnapshot } from '../../compose.js';
import { maskRedisUrl } from '../../config.js';
import { buildFactCatalogue } from '../../core/facts/fact-catalogue.js';
import type { RuleProblem, RuleSource } from '../../core/rules/compile-rules.js';
import { lintRules } from '../../core/rules/lint-rules.js';
import { type RuleTestResult, runOverrideTests, runRuleTests } from '../../core/rules/run-rule-tests.js';
import { errorMessage, ResetDoctorError } from '../../errors.js';

/**
 * `reset-doctor rules lint|test|backtest`: tools for the people who write rules. Exit codes: 0 clean,
 * 1 problems found (lint errors, failing tests, a backtest that lost answers with --fail-on-loss),
 * 2 bad usage or unreadable input.
 */

export interface RulesCommandIo {
  readonly write: (s: string) => Promise<void>;
  readonly color: () => boolean;
  /** The process exit code the command asks for (problems found: 1). */
  readonly setExitCode: (code: number) => void;
}

const defaultRulesDir = () => process.env.RULES_DIR ?? DEFAULT_RULES_DIR;
const defaultPrefix = () => process.env.QUEUE_PREFIX ?? '{reset-doctor}';

/**
 * Past incidents from a JSONL file, or from the bot's Redis: the incidents kept with their diagnoses,
 * labelled by the votes given in Slack.
 */
async function openHistory(
  source: string,
  prefix: string,
): Promise<{ readonly history: DiagnosisHistory; close(): Promise<void> }> {
  if (!/^rediss?:\/\//.test(source)) return { history: createJsonlHistory(source), close: async () => {} };
  if (!/^\{[A-Za-z0-9._-]{1,64}\}$/.test(prefix))
    throw new ResetDoctorError(
      'BAD_USAGE',
      `--prefix ${JSON.stringify(prefix)} is not a hash tag such as {reset-doctor}`,
    );
  const redis = new Redis(source, { maxRetriesPerRequest: 1, connectTimeout: 5000, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (e) {
    redis.disconnect();
    throw new ResetDoctorError(
      'REDIS_UNAVAILABLE',
      `cannot reach ${maskRedisUrl(source)}: ${errorMessage(e)}`,
      {
        cause: e,
      },
    );
  }
  const store = createRedisDiagnosisStore(redis, { prefix, ttlS: 1 });
  const feedback = createRedisSlackState({
    redis,
    prefix: slackPrefixOf(prefix),
    dedupeTtlS: 1,
    archiveTtlS: 1,
  });
  return {
    history: createStoredDiagnosisHistory({ store, feedback, name: `${maskRedisUrl(source)} ${prefix}` }),
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function display(file: string): string {
  const r = relative(process.cwd(), file);
  return r.startsWith('..') ? file : r;
}

function styler(color: boolean) {
  const codes = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39] } as const;
  return (style: keyof typeof codes, s: string) =>
    color ? `\u001b[${codes[style][0]}m${s}\u001b[${codes[style][1]}m` : s;
}

export function formatLint(problems: readonly RuleProblem[], files: number, color: boolean): string {
  const c = styler(color);
  const out: string[] = [];
  let current = '';
  for (const p of problems) {
    if (p.file !== current) {
      if (current !== '') out.push('');
      current = p.file;
      out.push(c('bold', display(p.file)));
    }
    const sev = p.severity === 'error' ? c('red', 'error  ') : c('yellow', 'warning');
    out.push(`  ${sev} ${c('dim', p.path)}  ${p.message}`);
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (out.length > 0) out.push('');
  out.push(
    problems.length === 0
      ? c('green', `${files} file${files === 1 ? '' : 's'} checked, no problems`)
      : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`,
  );
  return `${out.join('\n')}\n`;
}

export function formatTests(results: readonly RuleTestResult[], color: boolean): string {
  const c = styler(color);
  const out: string[] = [];
  for (const r of results) {
    const name = `${display(r.file)}: ${r.name}`;
    out.push(r.passed ? `${c('green', '✓')} ${name}` : `${c('red', '✗')} ${name}`);
    for (const f of r.failures) out.push(c('red', `    ${f}`));
  }
  const failed = results.filter((r) => !r.passed).length;
  out.push('');
  out.push(
    failed === 0
      ? c('green', `${results.length} passed`)
      : `${c('red', `${failed} failed`)}, ${results.length - failed} passed`,
  );
  return `${out.join('\n')}\n`;
}

function pct(n: number, of: number): string {
  return of === 0 ? '—' : `${((n / of) * 100).toFixed(1)} %`;
}

export function formatBacktest(r: BacktestReport, color: boolean): string {
  const c = styler(color);
  const out: string[] = [];
  const answer = (a: { cause: string; confidence: number } | null) =>
    a ? `${a.cause} ${Math.round(a.confidence * 100)} %` : '(no answer)';
  out.push(`backtest on ${r.history}: ${r.incidents} incidents, ${r.labelled} labelled`);
  out.push(c('dim', `baseline rules ${r.baseline} → candidate rules ${r.candidate}`));
  out.push('');
  if (r.changes.length === 0) out.push('no incident changed its top answer');
  else {
    out.push(`top answer changed in ${r.changes.length} incident${r.changes.length === 1 ? '' : 's'}:`);
    const width = Math.max(...r.changes.map((x) => x.id.length));
    for (const x of r.changes) {
      const label = x.label
        ? `label ${x.label.primary}${x.label.secondary ? `/${x.label.secondary}` : ''}`
        : 'no label';
      const verdict =
        x.verdict === 'gained'
          ? c('green', 'gained')
          : x.verdict === 'lost'
            ? c('red', 'lost')
            : c('dim', 'changed');
      out.push(
        `  ${x.id.padEnd(width)}  ${answer(x.before)} → ${answer(x.after)}  ${c('dim', label)}  ${verdict}`,
      );
    }
  }
  if (r.labelled > 0) {
    out.push('');
    out.push(
      `top-1 ${r.before.top1}/${r.labelled} (${pct(r.before.top1, r.labelled)}) → ${r.after.top1}/${r.labelled} (${pct(r.after.top1, r.labelled)})`,
    );
    out.push(
      `top-3 ${r.before.top3}/${r.labelled} (${pct(r.before.top3, r.labelled)}) → ${r.after.top3}/${r.labelled} (${pct(r.after.top3, r.labelled)})`,
    );
    out.push(`gained ${r.gained}, lost ${r.lost}`);
  }
  for (const e of r.errors) out.push(c('yellow', `error: ${e.id}: ${e.error}`));
  return `${out.join('\n')}\n`;
}

async function readDir(dir: string): Promise<{ sources: RuleSource[]; overrides: RuleSource | undefined }> {
  try {
    const [sources, overrides] = await Promise.all([readRuleSources(dir), readOverridesSource(dir)]);
    return { sources, overrides };
  } catch (e) {
    throw new ResetDoctorError('BAD_INPUT', `cannot read rules from ${dir}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

export function registerRulesCommands(program: Command, io: RulesCommandIo): void {
  const rules = program.command('rules').description('tools for rule authors: lint, test, backtest');

  rules
    .command('lint')
    .description(
      'check rule files: schema, unknown facts and operators, templates, quoting, contradictions, regexes',
    )
    .argument('[dir]', 'rules directory (default: RULES_DIR or the bundled rules)')
    .option('--catalogue <file>', 'metric fact catalogue', DEFAULT_CATALOGUE)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--strict', 'warnings fail too (exit 1)')
    .action(
      async (
        dir: string | undefined,
        flags: { catalogue: string; format: 'text' | 'json'; strict?: boolean },
      ) => {
        const rulesDir = dir ?? defaultRulesDir();
        const [{ sources, overrides }, catalogue] = await Promise.all([
          readDir(rulesDir),
          readCatalogue(flags.catalogue),
        ]);
        if (sources.length === 0)
          throw new ResetDoctorError('BAD_INPUT', `no rule files (*.json) in ${rulesDir}`);
        const problems = lintRules({
          sources,
          ...(overrides ? { overrides } : {}),
          facts: buildFactCatalogue(catalogue),
          checkRegex: createRegexSafetyCheck(),
        });
        const files = sources.length + (overrides ? 1 : 0);
        await io.write(
          flags.format === 'json'
            ? `${JSON.stringify({ files, problems: problems.map((p) => ({ ...p, file: display(p.file) })) })}\n`
            : formatLint(problems, files, io.color()),
        );
        const failing = problems.filter((p) => p.severity === 'error' || flags.strict).length;
        if (failing > 0) io.setExitCode(1);
      },
    );

  rules
    .command('test')
    .description('run the test cases the rule files (and overrides.json) carry')
    .argument('[dir]', 'rules directory (default: RULES_DIR or the bundled rules)')
    .option('--catalogue <file>', 'metric fact catalogue', DEFAULT_CATALOGUE)
    .option('--json', 'print the results as JSON')
    .action(async (dir: string | undefined, flags: { catalogue: string; json?: boolean }) => {
      const rulesDir = dir ?? defaultRulesDir();
      const [snapshot, catalogue] = await Promise.all([
        loadSnapshot(rulesDir),
        readCatalogue(flags.catalogue),
      ]);
      const results = [
        ...(await runRuleTests(coreFromSnapshot(snapshot, catalogue, { withoutOverrides: true }))),
        ...(snapshot.overrides ? await runOverrideTests(coreFromSnapshot(snapshot, catalogue)) : []),
      ];
      await io.write(
        flags.json
          ? `${JSON.stringify(results.map((r) => ({ ...r, file: display(r.file) })))}\n`
          : formatTests(results, io.color()),
      );
      if (results.some((r) => !r.passed)) io.setExitCode(1);
    });

  rules
    .command('backtest')
    .description('re-diagnose past incidents with two rule sets and show which top answers change')
    .requiredOption('--baseline <dir>', 'the rules as they are (e.g. a checkout of main)')
    .option('--candidate <dir>', 'the rules with your change (default: RULES_DIR or the bundled rules)')
    .option('--incidents <file>', 'JSONL: labelled corpus lines {id, input, label} or plain incidents')
    .option(
      '--history <source>',
      "past incidents: a JSONL file like --incidents, or the bot's Redis (redis://HOST:6379) to replay what it diagnosed",
    )
    .option('--prefix <prefix>', "the bot's key prefix in Redis (QUEUE_PREFIX)", defaultPrefix())
    .option('--since <time>', 'with a Redis history: only incidents diagnosed since (ISO 8601)')
    .option('--catalogue <file>', 'metric fact catalogue', DEFAULT_CATALOGUE)
    .option('--limit <n>', 'at most this many incidents', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1)
        throw new ResetDoctorError('BAD_USAGE', `--limit: not a positive integer: ${v}`);
      return n;
    })
    .option('--json', 'print the report as JSON')
    .option('--fail-on-loss', 'exit 1 when a labelled incident lost its right answer')
    .action(
      async (flags: {
        baseline: string;
        candidate?: string;
        incidents?: string;
        history?: string;
        prefix: string;
        since?: string;
        catalogue: string;
        limit?: number;
        json?: boolean;
        failOnLoss?: boolean;
      }) => {
        const source = flags.history ?? flags.incidents;
        if (source === undefined || (flags.history !== undefined && flags.incidents !== undefined))
          throw new ResetDoctorError(
            'BAD_USAGE',
            'give the past incidents with either --incidents or --history',
          );
        if (flags.since !== undefined && Number.isNaN(Date.parse(flags.since)))
          throw new ResetDoctorError(
            'BAD_USAGE',
            `--since ${JSON.stringify(flags.since)} is not an ISO 8601 time`,
          );
        const catalogue = await readCatalogue(flags.catalogue);
        const [base, cand] = await Promise.all([
          loadSnapshot(flags.baseline),
          loadSnapshot(flags.candidate ?? defaultRulesDir()),
        ]);
        const history = await openHistory(source, flags.prefix);
        let report: BacktestReport;
        try {
          report = await backtestRules(
            history.history,
            coreFromSnapshot(base, catalogue),
            coreFromSnapshot(cand, catalogue),
            {
              ...(flags.limit === undefined ? {} : { limit: flags.limit }),
              ...(flags.since === undefined ? {} : { since: flags.since }),
            },
          );
        } finally {
          await history.close();
        }
        await io.write(flags.json ? `${JSON.stringify(report)}\n` : formatBacktest(report, io.color()));
        if (flags.failOnLoss && report.lost > 0) io.setExitCode(1);
      },
    );
}
