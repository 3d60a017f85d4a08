import { describe, expect, it } from 'vitest';
import { findQuotingProblems } from './find-quoting-problems.js';

describe('findQuotingProblems', () => {
  it.each([
    ['kubectl logs {{pod}} -n {{namespace}} --previous'],
    ["ss -tan state established | awk 'NR>1{print $4}' | sort | uniq -c"],
    ['kubectl get events --field-selector involvedObject.name={{pod}}'],
    ['aws elbv2 describe-load-balancer-attributes --load-balancer-arn "$LB_ARN"'],
    ['--start-time "$(date -u -d \'-3 hour\' +%FT%TZ)" --end-time "$(date -u +%FT%TZ)"'],
    ['kubectl exec {{pod}} -- sh -c \'grep -i "open files" /proc/1/limits\''],
    ["tcpdump -nn -i any tcp port {{port}} and '(tcp[tcpflags] & (tcp-fin|tcp-rst) != 0)'"],
    ['echo \\$NOT_A_VARIABLE \\"{{pod}}'],
    ["echo $'tab\\there'"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, not a template
    ['echo "${HOME}/x"'],
    ['echo "$(cat "$FILE")"'],
  ])('accepts %s', (command) => {
    expect(findQuotingProblems(command)).toEqual([]);
  });

  it.each([
    ["grep -F '{{pod}}'", /inside single quotes/],
    ['kubectl describe pod "{{pod}}"', /inside double quotes/],
    ["sh -c 'kubectl logs {{pod}}'", /inside single quotes/],
    ['echo "prefix-{{service}}-suffix"', /inside double quotes/],
    ['kubectl logs $POD', /\$POD is not quoted/],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, not a template
    ['kubectl logs ${POD}', /\$\{POD\} is not quoted/],
    ['echo $(kubectl get pod $POD)', /\$POD is not quoted/],
    ["echo 'unterminated", /unterminated single quote/],
    ['echo "unterminated', /unterminated double quote/],
    ['echo $(date', /unterminated \$\( \.\.\. \)/],
  ])('rejects %s', (command, pattern) => {
    const problems = findQuotingProblems(command);
    expect(problems.map((p) => p.message).join('\n')).toMatch(pattern);
  });

  it('points at the offending character', () => {
    expect(findQuotingProblems("a '{{pod}}'")[0]?.at).toBe(3);
  });
});
