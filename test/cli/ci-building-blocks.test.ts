// The CI pieces users copy: action.yml's lint step (scripts/ci/action-lint.sh) run as GitHub would
// run it, action.yml's inputs and steps, and the pre-commit hook's entry.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildOnce, ROOT } from './run-cli.js';

interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: { id?: string; uses?: string; run?: string; env?: Record<string, string> }[] };
}

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

function lintStep(env: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'svc-explain-action-'));
  const output = path.join(dir, 'github-output');
  const sarif = path.join(dir, 'report.sarif');
  const result = spawnSync('bash', [path.join(ROOT, 'scripts/ci/action-lint.sh')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_OUTPUT: output, SVC_EXPLAIN_SARIF: sarif, ...env },
  });
  return { ...result, sarif, output: existsSync(output) ? readFileSync(output, 'utf8') : '' };
}

beforeAll(buildOnce, 180_000);

describe('action.yml', () => {
  it('is a composite action whose steps use only inputs it declares', () => {
    expect(action.runs.using).toBe('composite');
    const used = [...readFileSync(path.join(ROOT, 'action.yml'), 'utf8').matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(Object.keys(action.inputs)).toContain(name);
    expect(action.runs.steps.map((step) => step.uses).filter(Boolean)).toEqual(['actions/setup-node@v6', 'github/codeql-action/upload-sarif@v4']);
  });

  it('lint step: findings give a complete SARIF report, exit-code=1 in the outputs and a passing step', () => {
    const run = lintStep({ SVC_EXPLAIN_PATHS: 'examples/', SVC_EXPLAIN_ARGS: '--fail-on warning' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.output).toBe('exit-code=1\n');
    const report = JSON.parse(readFileSync(run.sarif, 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(report.version).toBe('2.1.0');
    expect(report.runs[0].results.length).toBeGreaterThan(0);
  });

  it('lint step: several paths and flags split on spaces; clean input gives exit-code=0', () => {
    const run = lintStep({ SVC_EXPLAIN_PATHS: 'examples/shop/cart.yaml examples/shop/catalog.yaml', SVC_EXPLAIN_ARGS: '--fail-on none --ignore target-port-not-declared' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.output).toBe('exit-code=0\n');
  });

  it('lint step: bad flags fail the step and leave no report behind', () => {
    const run = lintStep({ SVC_EXPLAIN_PATHS: 'examples/', SVC_EXPLAIN_ARGS: '--fail-on sometimes' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--fail-on');
    expect(existsSync(run.sarif)).toBe(false);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('runs lint through a bin the package installs', () => {
    const [hook] = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string }[];
    const bins = Object.keys((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin);
    expect(hook.id).toBe('svc-explain-lint');
    expect(hook.language).toBe('node');
    const [command, subcommand] = hook.entry.split(' ');
    expect(bins).toContain(command);
    expect(subcommand).toBe('lint');
  });
});
