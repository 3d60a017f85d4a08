#!/usr/bin/env node
// `npm run bench [-- --quick]`: compiles the benchmark and the sources it measures to dist-bench/ (plain
// JavaScript, so that no TypeScript loader runs in the measured processes), then runs the harness.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const built = spawnSync(process.execPath, [tsc, '-p', join(root, 'bench', 'tsconfig.json')], {
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);
const run = spawnSync(
  process.execPath,
  [join(root, 'dist-bench', 'bench', 'main.js'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root },
);
process.exit(run.status ?? 1);
