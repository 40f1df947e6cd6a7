import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/cli/exit-code.js';
import { resolveColor } from '../../src/cli/color.js';
import { normalizeKubectlArgs } from '../../src/cli/kubectl-args.js';
import type { Severity } from '../../src/core/report.js';
import type { FailOn } from '../../src/render/fail-on.js';
import { finding, ref, report } from '../unit/render/report-builders.js';

const reportWith = (severity: Severity, suppressed = false) =>
  report([], [finding('some-check', severity, ref('Service', 'default', 'web'), 'message', { suppressed })]);

describe('exitCodeFor', () => {
  it.each<[Severity, FailOn, number]>([
    ['error', 'error', 1],
    ['error', 'warning', 1],
    ['error', 'info', 1],
    ['error', 'none', 0],
    ['warning', 'error', 0],
    ['warning', 'warning', 1],
    ['warning', 'info', 1],
    ['info', 'warning', 0],
    ['info', 'info', 1],
  ])('a %s finding with --fail-on %s → %i', (severity, failOn, code) => {
    expect(exitCodeFor(reportWith(severity), failOn)).toBe(code);
  });

  it('ignores suppressed findings', () => {
    expect(exitCodeFor(reportWith('error', true), 'info')).toBe(0);
  });

  it('is 0 without findings', () => {
    expect(exitCodeFor(report([], []), 'info')).toBe(0);
  });
});

describe('resolveColor', () => {
  it.each<[Parameters<typeof resolveColor>[0], Record<string, string>, boolean, boolean]>([
    ['auto', {}, true, true],
    ['auto', {}, false, false],
    ['auto', { NO_COLOR: '1' }, true, false],
    ['auto', { NO_COLOR: '' }, true, true],
    ['auto', { TERM: 'dumb' }, true, false],
    ['auto', { FORCE_COLOR: '1' }, false, true],
    ['auto', { FORCE_COLOR: '0' }, true, true],
    ['always', { NO_COLOR: '1' }, false, true],
    ['never', { FORCE_COLOR: '1' }, true, false],
    [false, {}, true, false],
  ])('%s with %j, tty %s → %s', (mode, env, isTTY, expected) => {
    expect(resolveColor(mode, env, isTTY)).toBe(expected);
  });
});

describe('normalizeKubectlArgs', () => {
  it.each([
    [['lint', '-o=json', 'a.yaml'], ['lint', '-o', 'json', 'a.yaml']],
    [['lint', '-n=prod', '-ojson'], ['lint', '-n', 'prod', '-ojson']],
    [['lint', '--output=json'], ['lint', '--output=json']],
    [['lint', '-o=', 'x'], ['lint', '-o', '', 'x']],
    [['lint', '--', '-o=json'], ['lint', '--', '-o=json']],
  ])('%j → %j', (argv, expected) => {
    expect(normalizeKubectlArgs(argv)).toEqual(expected);
  });
});
