import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, ROOT, runCli } from './run-cli.js';

/** --profile strict end to end: the same manifests, the policy-like findings raised to warnings. */

beforeAll(buildOnce, 120_000);

const NO_READINESS = path.join(ROOT, 'test/fixtures/checks/service-pods-without-readiness-probe/fail.yaml');
const findings = (stdout: string) => (JSON.parse(stdout) as { findings: { check: string; severity: string }[] }).findings;

describe('--profile', () => {
  it('default: a Service whose Pods lack a readiness probe is info and passes --fail-on warning', () => {
    const run = runCli(['lint', '--fail-on', 'warning', '-o', 'json', NO_READINESS]);
    expect(run.code, run.stderr).toBe(0);
    expect(findings(run.stdout).find((finding) => finding.check === 'service-pods-without-readiness-probe')?.severity).toBe('info');
  });

  it('strict: the same finding is a warning and fails --fail-on warning', () => {
    const run = runCli(['lint', '--profile', 'strict', '--fail-on', 'warning', '-o', 'json', NO_READINESS]);
    expect(run.code, run.stderr).toBe(1);
    expect(findings(run.stdout).find((finding) => finding.check === 'service-pods-without-readiness-probe')?.severity).toBe('warning');
  });

  it('strict never lowers an error', () => {
    const run = runCli(['lint', '--profile', 'strict', '-o', 'json', path.join(ROOT, 'test/fixtures/checks/probe-port-not-declared/fail-readiness-behind-service.yaml')]);
    expect(run.code).toBe(1);
    expect(findings(run.stdout).filter((finding) => finding.check === 'probe-port-not-declared').map((finding) => finding.severity)).toEqual(['error']);
  });

  it('rejects an unknown profile with exit 2', () => {
    const run = runCli(['lint', '--profile', 'lenient', NO_READINESS]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/lenient/);
  });
});
