/**
 * Shell quoting in next-step command templates. The renderer shell-quotes every `{{placeholder}}` value, so
 * a placeholder must stand outside quotes: inside '...' the quotes the renderer adds would end the string
 * early, inside "..." they would become literal characters. Shell variables must be inside double quotes, or
 * word splitting and globbing apply to their values.
 */

export interface QuotingProblem {
  /** Offset of the problem in the template. */
  readonly at: number;
  readonly message: string;
}

type Context =
  | { kind: 'top' }
  | { kind: 'single' }
  | { kind: 'double' }
  | { kind: 'ansi' }
  | { kind: 'subst'; depth: number };

const PLACEHOLDER_AT = /^\{\{\s{0,3}([A-Za-z][A-Za-z0-9_.]{0,127})\s{0,3}\}\}/;
const VARIABLE_AT = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[^}]{1,200}\})/;

export function findQuotingProblems(command: string): QuotingProblem[] {
  const problems: QuotingProblem[] = [];
  const stack: Context[] = [{ kind: 'top' }];
  const top = (): Context => stack[stack.length - 1] ?? { kind: 'top' };
  let i = 0;
  while (i < command.length) {
    const ctx = top();
    const ch = command[i];
    const rest = command.slice(i, i + 260);
    const placeholder = ch === '{' ? PLACEHOLDER_AT.exec(rest) : null;
    if (placeholder) {
      if (ctx.kind === 'single' || ctx.kind === 'ansi')
        problems.push({
          at: i,
          message: `{{${placeholder[1]}}} is inside single quotes: the value is shell-quoted when filled in, so put the placeholder outside the quotes ('...'{{${placeholder[1]}}}'...')`,
        });
      else if (ctx.kind === 'double')
        problems.push({
          at: i,
          message: `{{${placeholder[1]}}} is inside double quotes: the value is shell-quoted when filled in, so put the placeholder outside the quotes ("..."{{${placeholder[1]}}}"...")`,
        });
      i += placeholder[0].length;
      continue;
    }
    switch (ctx.kind) {
      case 'single':
        if (ch === "'") stack.pop();
        i++;
        continue;
      case 'ansi':
        if (ch === '\\') i += 2;
        else {
          if (ch === "'") stack.pop();
          i++;
        }
        continue;
      case 'double':
        if (ch === '\\') {
          i += 2;
          continue;
        }
        if (ch === '"') {
          stack.pop();
          i++;
          continue;
        }
        if (ch === '$' && command[i + 1] === '(') {
          stack.push({ kind: 'subst', depth: 0 });
          i += 2;
          continue;
        }
        i++;
        continue;
      default: {
        // top level or inside $( ... ): quotes open, variables must be quoted
        if (ch === '\\') {
          i += 2;
          continue;
        }
        if (ch === "'") {
          stack.push({ kind: 'single' });
          i++;
          continue;
        }
        if (ch === '"') {
          stack.push({ kind: 'double' });
          i++;
          continue;
        }
        if (ch === '$') {
          if (command[i + 1] === "'") {
            stack.push({ kind: 'ansi' });
            i += 2;
            continue;
          }
          if (command[i + 1] === '(') {
            stack.push({ kind: 'subst', depth: 0 });
            i += 2;
            continue;
          }
          const variable = VARIABLE_AT.exec(rest);
          if (variable) {
            problems.push({
              at: i,
              message: `${variable[0]} is not quoted: write "${variable[0]}" so its value is not split or globbed`,
            });
            i += variable[0].length;
            continue;
          }
        }
        if (ctx.kind === 'subst') {
          if (ch === '(') ctx.depth++;
          else if (ch === ')') {
            if (ctx.depth === 0) stack.pop();
            else ctx.depth--;
          }
        }
        i++;
      }
    }
  }
  const open = top();
  if (open.kind === 'single' || open.kind === 'double' || open.kind === 'ansi')
    problems.push({
      at: command.length,
      message: `unterminated ${open.kind === 'double' ? 'double' : 'single'} quote`,
    });
  else if (open.kind === 'subst') problems.push({ at: command.length, message: 'unterminated $( ... )' });
  return problems;
}
