import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The core takes its clock, randomness and environment from outside (dependency-cruiser checks the imports). */
const root = new URL('.', import.meta.url).pathname;
const files = (readdirSync(root, { recursive: true }) as string[]).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
);

describe('src/core is pure', () => {
  it.each(files)('%s uses no environment, clock, randomness or console', (f) => {
    const text = readFileSync(join(root, f), 'utf8');
    expect(text).not.toMatch(/\bprocess\.(env|argv|exit|stdout|stderr|cwd)\b/);
    expect(text).not.toMatch(/\bDate\.now\(|new Date\(\)|Math\.random\(|\bconsole\./);
  });
});
