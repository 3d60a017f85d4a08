import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_CATALOGUE, DEFAULT_RULES_DIR, loadCore, PACKAGE_ROOT } from '../compose.js';
import { CAUSES } from '../core/model/causes.js';
import { IncidentSchema } from '../core/model/incident.js';
import { renderText } from '../core/render/render-text.js';
import { errorMessage, isResetDoctorError, ResetDoctorError } from '../errors.js';
import { buildIncident, type DiagnoseFlags, metricsFetcher, render, runBatch } from './commands/diagnose.js';
import { evaluateCorpus, formatEvalReport } from './commands/evaluate-corpus.js';
import { explainCause } from './commands/explain.js';
import { registerJobsCommand } from './commands/jobs.js';
import { registerRulesCommands } from './commands/rules.js';

const write = (s: string) =>
  new Promise<void>((resolve, reject) => {
    process.stdout.write(s, (e) => (e ? reject(e) : resolve()));
  });

const useColor = () => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

interface CoreFlags {
  rules?: string;
  catalogue?: string;
}

const coreOf = (flags: CoreFlags) =>
  loadCore({
    rulesDir: flags.rules ?? process.env.RULES_DIR ?? DEFAULT_RULES_DIR,
    catalogueFile: flags.catalogue ?? DEFAULT_CATALOGUE,
  });

export function buildProgram(status: { exitCode: number } = { exitCode: 0 }): Command {
  const program = new Command('reset-doctor')
    .description('Explains intermittent connection resets with ranked, evidenced hypotheses.')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('diagnose')
    .description('diagnose one incident (or a JSONL batch) from logs, words, an alert and readings')
    .option('--log <file>', 'log text: runtime, proxy, kernel or tcpdump -nn output ("-" for stdin)')
    .option('--context <text>', "your own words: 'behind the ALB, fails after idle'")
    .option('--alert <file>', 'an Alertmanager webhook payload or one alert (JSON)')
    .option('--metrics <file>', 'readings as JSON {"fact name": value}')
    .option('--incident <file>', 'a whole incident as JSON ("-" for stdin)')
    .option(
      '--batch <file>',
      'JSONL: one incident (or {input: incident}) per line; one JSON diagnosis per line out',
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .option('--service <name>', 'the service that saw the error')
    .option('--peer <name>', 'the service it was talking to')
    .option('--namespace <name>', 'Kubernetes namespace')
    .option('--pod <name>', 'pod')
    .option('--port <port>', 'port of the peer')
    .option('--node <name>', 'node the pod runs on')
    .option('--at <time>', 'when the failure happened (ISO 8601; default: the alert start, or now)')
    .option('--prometheus <url>', 'fetch metric facts from this Prometheus')
    .option('--window <duration>', 'how far before the failure metrics look (PromQL duration, default 15m)')
    .option('--rules <dir>', 'rule files directory (default: RULES_DIR or the bundled rules)')
    .option('--catalogue <file>', 'metric fact catalogue')
    .option(
      '--explain <cause>',
      'why (not) this cause: its rules, the conditions that failed, the values seen',
    )
    .action(async (flags: DiagnoseFlags & CoreFlags & { explain?: string }) => {
      const core = await coreOf(flags);
      if (flags.explain !== undefined) {
        if (flags.batch)
          throw new ResetDoctorError(
            'BAD_USAGE',
            '--explain looks at one incident; it cannot be combined with --batch',
          );
        const { incident } = await buildIncident(flags);
        await write(await explainCause(core, incident, flags.explain, flags.format, useColor()));
        return;
      }
      const fetchMetrics = metricsFetcher(core, flags);
      if (flags.batch) {
        await runBatch(core, flags.batch, write, fetchMetrics);
        return;
      }
      const { incident, warnings } = await buildIncident(flags);
      const fetched = fetchMetrics ? await fetchMetrics(incident) : undefined;
      const d = await core.diagnose(incident, fetched ? { fetched } : {});
      const withWarnings = warnings.length > 0 ? { ...d, warnings: [...warnings, ...d.warnings] } : d;
      await write(render(withWarnings, flags.format, useColor()));
    });

  program
    .command('eval')
    .description('diagnose a labelled corpus and print per-case results, top-1 / top-3 and confusions')
    .argument(
      '[file]',
      'corpus JSONL (default: $RESET_DOCTOR_CORPUS or ../shared/corpus/dev.jsonl)',
      process.env.RESET_DOCTOR_CORPUS ?? join(PACKAGE_ROOT, '..', 'shared', 'corpus', 'dev.jsonl'),
    )
    .option('--json', 'print the report as JSON')
    .option('--rules <dir>', 'rule files directory')
    .option('--catalogue <file>', 'metric fact catalogue')
    .action(async (file: string, flags: CoreFlags & { json?: boolean }) => {
      const report = await evaluateCorpus(await coreOf(flags), file);
      await write(flags.json ? `${JSON.stringify(report)}\n` : formatEvalReport(report));
    });

  program
    .command('demo')
    .description('diagnose the bundled example incidents (no Redis, Slack or Prometheus needed)')
    .option('--dir <dir>', 'examples directory', join(PACKAGE_ROOT, 'examples'))
    .action(async (flags: { dir: string }) => {
      const core = await coreOf({});
      const files = (await readdir(flags.dir)).filter((f) => f.endsWith('.json')).sort();
      for (const f of files) {
        const raw = JSON.parse(await readFile(join(flags.dir, f), 'utf8')) as Record<string, unknown>;
        const parsed = IncidentSchema.safeParse(raw.incident ?? raw);
        if (!parsed.success)
          throw new ResetDoctorError('BAD_INPUT', `${f}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        const title = typeof raw.title === 'string' ? raw.title : f;
        await write(`\n━━ ${title} ━━ (examples/${f})\n`);
        await write(renderText(await core.diagnose(parsed.data), { color: useColor(), top: 2 }));
      }
    });

  program
    .command('causes')
    .description('list the cause vocabulary')
    .action(async () => {
      await write(`${CAUSES.join('\n')}\n`);
    });

  registerRulesCommands(program, {
    write,
    color: useColor,
    setExitCode: (code) => {
      status.exitCode = code;
    },
  });
  registerJobsCommand(program, write);

  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const status = { exitCode: 0 };
  const program = buildProgram(status);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return status.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0)
        return 0;
      return 2;
    }
    if (isResetDoctorError(e)) {
      process.stderr.write(`reset-doctor: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`reset-doctor: ${errorMessage(e)}\n`);
    return 1;
  }
}
