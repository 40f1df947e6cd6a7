import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostileInputs } from '../oracle/hostile-inputs.js';
import { buildOnce, runCli } from './run-cli.js';

/** How `lint` reads files: every file reported, bad ones named on one line each, exit 2 after the report. */

beforeAll(buildOnce, 120_000);

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n';
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: x}]}\n';

function directory(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'svc-explain-reading-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('lint reads every file and reports the bad ones', () => {
  it('lints the good files, names the bad one with file:line, and exits 2 after the report', () => {
    const dir = directory({ 'a-bad.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: x\n', 'b.yaml': SERVICE + '---\n' + DEPLOYMENT });
    const run = runCli(['lint', '-o', 'json', dir]);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).services.map((service: { name: string }) => service.name)).toEqual(['web']);
    expect(run.stderr).toMatch(new RegExp(`^svc-explain: ${dir}/a-bad\\.yaml:\\d+(:\\d+)?: invalid YAML: [^\\n]+\\n$`));
  });

  it('skips a Helm chart\'s templates with a note and still lints the plain manifests beside it', () => {
    const dir = directory({ 'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', 'chart/templates/svc.yaml': 'kind: {{ .Values.kind }}\n', 'plain.yaml': SERVICE + '---\n' + DEPLOYMENT });
    const run = runCli(['lint', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${dir}/chart is a Helm chart: its templates/ were skipped; lint what it renders with \`helm template ${dir}/chart | kubectl svc-explain lint -\``);
  });

  it('points a Kustomize directory at kustomize build', () => {
    const dir = directory({ 'overlay/kustomization.yaml': 'resources: [../base]\n', 'overlay/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 3}\n', 'plain.yaml': SERVICE + '---\n' + DEPLOYMENT });
    const run = runCli(['lint', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`kustomize build ${dir}/overlay | kubectl svc-explain lint -`);
  });

  it('reads UTF-16 with a byte-order mark and refuses other encodings with a clear line', () => {
    const dir = directory({
      'utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SERVICE + '---\n' + DEPLOYMENT, 'utf16le')]),
      'latin1.yaml': Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n' + SERVICE.replace('web', 'other'))]),
    });
    const run = runCli(['lint', '-o', 'json', dir]);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).services.map((service: { name: string }) => service.name)).toEqual(['web']);
    expect(run.stderr).toBe(`svc-explain: ${dir}/latin1.yaml:1: not valid UTF-8 (byte 0xE9): save the file as UTF-8\n`);
  });

  it('reads standard input as it reads a file: UTF-16 with a byte-order mark, and invalid UTF-8 refused with its line', () => {
    const utf16 = runCli(['lint', '-o', 'json', '-'], { input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SERVICE + '---\n' + DEPLOYMENT, 'utf16le')]) });
    expect(utf16.code, utf16.stderr).toBe(0);
    expect(JSON.parse(utf16.stdout).services.map((service: { name: string }) => service.name)).toEqual(['web']);
    const latin1 = runCli(['lint', '-'], { input: Buffer.concat([Buffer.from(SERVICE + '  # caf'), Buffer.from([0xe9]), Buffer.from('\n')]) });
    expect(latin1.code).toBe(2);
    expect(latin1.stderr).toBe('svc-explain: <stdin>:8: not valid UTF-8 (byte 0xE9): save the file as UTF-8\n');
  });

  it('refuses an input larger than Node can hold as text with one line, and still lints the rest; an endless device ends too', () => {
    const dir = directory({ 'plain.yaml': SERVICE + '---\n' + DEPLOYMENT });
    const huge = path.join(dir, 'huge.yaml');
    // Sparse: 600 MiB on paper, nothing on disk; its size alone refuses it.
    writeFileSync(huge, '');
    truncateSync(huge, 600 * 2 ** 20);
    const run = runCli(['lint', '-o', 'json', huge, path.join(dir, 'plain.yaml')]);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).services.map((service: { name: string }) => service.name)).toEqual(['web']);
    expect(run.stderr).toBe(`svc-explain: ${huge}: more than 512 MiB, the most svc-explain reads from one input: split it into several files\n`);
    const zero = runCli(['lint', '/dev/zero']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe('svc-explain: /dev/zero: more than 512 MiB, the most svc-explain reads from one input: split it into several files\n');
  });

  it('warns when two files define one object differently, whatever the order', () => {
    const dir = directory({ 'a.yaml': SERVICE + '---\n' + DEPLOYMENT, 'b.yaml': SERVICE.replace('app: web', 'app: web-v2') });
    for (const order of [['a.yaml', 'b.yaml'], ['b.yaml', 'a.yaml']]) {
      const run = runCli(['lint', '--fail-on', 'warning', '-o', 'json', ...order.map((name) => path.join(dir, name))]);
      expect(run.code).toBe(1);
      const finding = JSON.parse(run.stdout).findings.find((f: { check: string }) => f.check === 'conflicting-definitions');
      expect(finding.message).toContain(`${dir}/a.yaml:1, ${dir}/b.yaml:1`.split(', ')[order[0] === 'a.yaml' ? 0 : 1]);
    }
  });
});

describe('hostile YAML is bad input: one line naming file:line, exit 2, never an internal error', () => {
  const dir = directory(Object.fromEntries(hostileInputs().map((input) => [input.file, input.bytes])));
  it.each(['bomb.yaml', 'alias.yaml', 'key.yaml', 'key2.yaml', 'deep.yaml', 'deep-block.yaml', 'deep.json', 'concat.yaml', 'nul.yaml', 'latin1.yaml', 'inf.yaml', 'sep.yaml', 'dup.json', 'numeric.yaml', 'bools.yaml'])('%s', (file) => {
    const run = runCli(['lint', path.join(dir, file)]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^svc-explain: ${path.join(dir, file).replace(/\./g, '\\.')}:\\d+(:\\d+)?: [^\\n]+\\n$`));
    expect(run.stderr).not.toMatch(/internal error|    at /);
  });
});
