import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/core/checks/registry.js';
import { buildOnce, FIXTURES, ROOT, runCli } from './run-cli.js';

/** `kubectl svc-explain lint` end to end: real process, real files, exit codes as CI sees them. */

beforeAll(buildOnce, 120_000);

const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const json = (stdout: string) => JSON.parse(stdout) as { findings: { check: string; suppressed: boolean; location: { file: string; line: number } | null }[] };

describe('exit codes', () => {
  it.each([
    ['a clean manifest set', ['clean.yaml'], 0],
    ['an error finding (default --fail-on error)', ['selector-typo.yaml'], 1],
    ['a warning with the default --fail-on error', ['spans-workloads.yaml'], 0],
    ['a warning with --fail-on warning', ['--fail-on', 'warning', 'spans-workloads.yaml'], 1],
    ['a warning with --fail-on info', ['--fail-on=info', 'spans-workloads.yaml'], 1],
    ['an error with --fail-on none', ['--fail-on', 'none', 'selector-typo.yaml'], 0],
    ['an error suppressed by the Service annotation', ['annotated.yaml'], 0],
    ['several files together', ['clean.yaml', 'selector-typo.yaml'], 1],
  ])('%s → %i', (_name, args, code) => {
    const run = runCli(['lint', ...args]);
    expect(run.code, run.stderr).toBe(code);
  });

  it('searches a directory for manifests', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'svc-explain-dir-'));
    writeFileSync(path.join(directory, 'clean.yaml'), fixture('clean.yaml'));
    writeFileSync(path.join(directory, 'typo.yml'), fixture('selector-typo.yaml'));
    writeFileSync(path.join(directory, 'README.md'), '# not a manifest\n');
    const run = runCli(['lint', '-o', 'json', directory]);
    expect(run.code, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout).services.map((service: { name: string }) => service.name)).toEqual(['web', 'frontend']);
  });

  it('prints the explanation and the finding for a selector typo', () => {
    const run = runCli(['lint', 'selector-typo.yaml']);
    expect(run.stdout).toContain('Service shop/frontend (ClusterIP)');
    expect(run.stdout).toContain('Deployment frontend: app=frontnd (selector wants app=frontend)');
    expect(run.stdout).toContain('selector-matches-nothing');
    expect(run.stdout).toMatch(/1 service, 1 error, 0 warnings, 0 info \(0 suppressed\)\n$/);
    expect(run.stderr).toBe('');
  });
});

describe('--ignore', () => {
  it('suppresses a check: exit 0, and JSON still lists the finding as suppressed', () => {
    expect(runCli(['lint', '--ignore', 'selector-matches-nothing', 'selector-typo.yaml']).code).toBe(0);
    const run = runCli(['lint', '--ignore', 'selector-matches-nothing', '-o', 'json', 'selector-typo.yaml']);
    expect(json(run.stdout).findings).toEqual([expect.objectContaining({ check: 'selector-matches-nothing', suppressed: true })]);
  });

  it('takes comma lists and repeats', () => {
    const args = ['lint', '--ignore', 'selector-spans-workloads,target-port-not-declared', '--ignore', 'selector-matches-nothing,service-pods-without-readiness-probe'];
    expect(runCli([...args, '--fail-on', 'info', 'selector-typo.yaml', 'spans-workloads.yaml']).code).toBe(0);
  });

  it('rejects an unknown check id with exit 2 and the list of known ones', () => {
    const run = runCli(['lint', '--ignore', 'selector-matches-nothin', 'clean.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^svc-explain: unknown check "selector-matches-nothin" in --ignore \(known checks: .*selector-matches-nothing/);
    expect(run.stdout).toBe('');
  });
});

describe('input', () => {
  it('reads standard input for -', () => {
    const run = runCli(['lint', '-o', 'json', '-'], { input: fixture('selector-typo.yaml') });
    expect(run.code).toBe(1);
    expect(json(run.stdout).findings[0].location).toEqual({ file: '<stdin>', line: expect.any(Number) });
  });

  it('reads CRLF files with the same findings and lines as LF', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'svc-explain-crlf-'));
    const file = path.join(directory, 'crlf.yaml');
    writeFileSync(file, fixture('selector-typo.yaml').replace(/\n/g, '\r\n'));
    const crlf = runCli(['lint', '-o', 'json', file]);
    const lf = runCli(['lint', '-o', 'json', 'selector-typo.yaml']);
    expect(crlf.code).toBe(1);
    expect(json(crlf.stdout).findings.map((finding) => [finding.check, finding.location?.line])).toEqual(
      json(lf.stdout).findings.map((finding) => [finding.check, finding.location?.line]),
    );
  });

  it('unwraps kind: List', () => {
    const run = runCli(['lint', '-o', 'json', 'list.yaml']);
    expect(run.code).toBe(1);
    expect(json(run.stdout).findings.map((finding) => finding.check)).toEqual(['target-port-name-not-found']);
  });

  it('reads JSON manifests', () => {
    const run = runCli(['lint', 'clean.json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Deployment worker → 9100 (container worker)');
  });

  it.each([[['-n', 'prod']], [['--namespace=prod']], [['-n=prod']]])('uses %j for objects without a namespace', (flags) => {
    expect(runCli(['lint', ...flags, 'clean.yaml']).stdout).toContain('Service prod/web (ClusterIP)');
  });

  it('accepts kubectl-style -o=json', () => {
    expect(JSON.parse(runCli(['lint', '-o=json', 'clean.yaml']).stdout).findings).toEqual([]);
  });
});

describe('input errors exit 2 with one clear message and no output', () => {
  it.each([
    ['bad YAML', ['bad-syntax.yaml'], /^svc-explain: bad-syntax\.yaml:\d+(:\d+)?: .*(indent|flow|map|})/i],
    ['a missing file', ['no-such-file.yaml'], /^svc-explain: .*no-such-file\.yaml/],
    ['a file with only comments', ['comments-only.yaml'], /^svc-explain: .*no Kubernetes objects/i],
    ['YAML that is not a Kubernetes object', ['not-kubernetes.yaml'], /^svc-explain: .*no Kubernetes objects/i],
    ['no PATH', [], /^svc-explain: lint needs at least one PATH/],
  ])('%s', (_name, args, message) => {
    const run = runCli(['lint', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout).toBe('');
  });

  it('empty standard input', () => {
    const run = runCli(['lint', '-'], { input: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^svc-explain: /);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    ['an unknown -o', ['lint', '-o', 'xml', 'clean.yaml'], /invalid.*table, wide, json, yaml, name, sarif, junit/],
    ['an unknown --fail-on', ['lint', '--fail-on', 'fatal', 'clean.yaml'], /invalid/],
    ['an unknown --color', ['lint', '--color', 'sometimes', 'clean.yaml'], /invalid/],
    ['an unknown flag', ['lint', '--frobnicate', 'clean.yaml'], /^svc-explain: unknown flag "--frobnicate"\n$/],
    ['a mistyped flag', ['lint', '--namspace', 'x', 'clean.yaml'], /unknown flag "--namspace"; did you mean --namespace\?/],
    ['a mistyped command', ['lnt', 'clean.yaml'], /^svc-explain: unknown command "lnt"; did you mean lint\?/],
    ['a mistyped command alone', ['chek'], /unknown command "chek"; did you mean check\?/],
    ['an unknown command with arguments (the default command takes one SERVICE)', ['frobnicate', 'clean.yaml'], /unknown command "frobnicate" \(commands: lint, check, explain, pod, why-not, (.*, )?version/],
    ['--quiet with machine output', ['lint', '-q', '-o', 'json', 'clean.yaml'], /--quiet applies to table output only/],
  ])('%s', (_name, args, message) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^svc-explain: /);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});

describe('output formats', () => {
  it('-o json follows the documented contract', () => {
    const run = runCli(['lint', '-o', 'json', 'selector-typo.yaml']);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['findings', 'services', 'summary', 'notes', 'kubernetesVersion']);
    expect(Object.keys(report.findings[0])).toEqual(['check', 'severity', 'suppressed', 'object', 'message', 'location']);
    expect(report.findings[0].location).toEqual({ file: 'selector-typo.yaml', line: expect.any(Number) });
    expect(report.services[0]).toMatchObject({
      namespace: 'shop',
      name: 'frontend',
      type: 'ClusterIP',
      selector: { app: 'frontend' },
      matches: [],
      nearMisses: [{ object: { kind: 'Deployment', namespace: 'shop', name: 'frontend' }, differences: [{ selectorKey: 'app', want: 'frontend', actualKey: 'app', actualValue: 'frontnd' }] }],
      nearMissTotal: 1,
      nearMissKind: 'telling',
    });
    expect(report.summary).toEqual({ services: 1, objects: expect.any(Number), findings: { error: 1, warning: 0, info: 0 }, suppressed: 0 });
    expect(run.stdout.endsWith('}\n')).toBe(true);
  });

  it('-o sarif is SARIF 2.1.0 with repository-relative paths, real lines and a rule per check', () => {
    const run = runCli(['lint', '-o', 'sarif', path.join(FIXTURES, 'selector-typo.yaml')], { cwd: ROOT });
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe('2.1.0');
    const [{ tool, results }] = sarif.runs;
    expect(tool.driver.name).toBe('svc-explain');
    expect(tool.driver.version).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(CHECKS.map((check) => check.id));
    const location = results[0].locations[0].physicalLocation;
    expect(location.artifactLocation.uri).toBe('test/cli/fixtures/selector-typo.yaml');
    const serviceLine = fixture('selector-typo.yaml').split('\n').indexOf('kind: Service');
    expect(location.region.startLine).toBeGreaterThanOrEqual(serviceLine);
    expect(location.region.startLine).toBeLessThanOrEqual(serviceLine + 1);
  });

  it('-o sarif names standard input "stdin"', () => {
    const run = runCli(['lint', '-o', 'sarif', '-'], { input: fixture('selector-typo.yaml') });
    expect(JSON.parse(run.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('stdin');
  });

  it('-o junit fails the Service testcase', () => {
    const run = runCli(['lint', '-o', 'junit', 'selector-typo.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(run.stdout).toMatch(/<testcase classname="shop" name="frontend">\s*<failure message="/);
  });

  it('-o wide adds file:line', () => {
    expect(runCli(['lint', '-o', 'wide', 'selector-typo.yaml']).stdout).toMatch(/Service shop\/frontend \(ClusterIP\)  selector-typo\.yaml:\d+/);
  });

  it('-q prints only the failing findings, and nothing when clean', () => {
    const failing = runCli(['lint', '-q', 'selector-typo.yaml']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^selector-typo\.yaml:\d+: error: Service shop\/frontend .*\[selector-matches-nothing\]\n$/);
    const clean = runCli(['lint', '-q', 'clean.yaml']);
    expect(clean).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('colour', () => {
  const ESC = '\u001b[';
  it.each([
    ['off when not a terminal', [], {}, false],
    ['on with --color always', ['--color', 'always'], {}, true],
    ['on with --color=always even with NO_COLOR (flags win)', ['--color=always'], { NO_COLOR: '1' }, true],
    ['on with FORCE_COLOR', [], { FORCE_COLOR: '1' }, true],
    ['off with NO_COLOR even with FORCE_COLOR', [], { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    ['off with --no-color', ['--no-color'], { FORCE_COLOR: '1' }, false],
    ['off with --color never', ['--color', 'never'], { FORCE_COLOR: '1' }, false],
  ])('%s', (_name, flags, env, coloured) => {
    const run = runCli(['lint', ...flags, 'selector-typo.yaml'], { env });
    expect(run.stdout.includes(ESC)).toBe(coloured);
  });
});

describe('help and version', () => {
  it.each([[['--help']], [['-h']], [['help']], [['help', 'lint']], [['lint', '--help']]])('%j exits 0 with usage on stdout', (args) => {
    const run = runCli(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: kubectl svc-explain/);
    expect(run.stderr).toBe('');
  });

  it('--help lists lint, examples and exit codes', () => {
    const { stdout } = runCli(['--help']);
    expect(stdout).toContain('lint [options] [PATH...]');
    expect(stdout).toContain('Exit codes:');
  });

  it('--version prints the package version', () => {
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('no arguments says what to give on stderr and exits 2', () => {
    const run = runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^svc-explain: give a SERVICE to explain, or a command: lint, check/);
  });
});
