import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import stringWidth from 'fast-string-width';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, ROOT, runCli } from './run-cli.js';

/** kubectl's habits that need no cluster: -o yaml/name, version, KUBECONFIG merging, did-you-mean, --width. */

const EXAMPLES = path.join(ROOT, 'examples');
let tmp: string;
let ports: number[];

/** Loopback ports nothing listens on (bound, then closed): a connection attempt names the server that was chosen. */
function closedPorts(count: number): number[] {
  const script = `const net=require('net');const out=[];let n=${count};for(let i=0;i<${count};i++){const s=net.createServer();s.listen(0,'127.0.0.1',()=>{out.push(s.address().port);s.close(()=>{if(--n===0)console.log(out.join(','))})})}`;
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout.trim().split(',').map(Number);
}

function write(name: string, document: unknown): string {
  const file = path.join(tmp, name);
  writeFileSync(file, JSON.stringify(document));
  return file;
}

beforeAll(() => {
  buildOnce();
  tmp = mkdtempSync(path.join(tmpdir(), 'svcx-kubectl-'));
  ports = closedPorts(2);
  expect(ports.every((port) => port > 0)).toBe(true);
}, 120_000);

describe('-o yaml and -o name', () => {
  it('lint -o yaml is the -o json document', () => {
    const json = runCli(['lint', EXAMPLES, '-o', 'json']);
    const yaml = runCli(['lint', EXAMPLES, '-o', 'yaml']);
    expect(yaml.code).toBe(json.code);
    expect(parse(yaml.stdout)).toEqual(JSON.parse(json.stdout));
  });

  it('lint -o name prints service/NAME lines, sorted as the report', () => {
    const run = runCli(['lint', EXAMPLES, '-o', 'name']);
    const names = (JSON.parse(runCli(['lint', EXAMPLES, '-o', 'json']).stdout).services as { name: string }[]).map((s) => `service/${s.name}`);
    expect(run.stdout).toBe(`${names.join('\n')}\n`);
    expect(run.stdout).toMatch(/^service\/billing-service$/m);
  });
});

describe('version', () => {
  it('prints the client version with no kubeconfig anywhere', () => {
    const home = mkdtempSync(path.join(tmp, 'home-'));
    const run = runCli(['version'], { env: { HOME: home, KUBECONFIG: '', KUBERNETES_SERVICE_HOST: '' } });
    expect(run).toEqual({ code: 0, stdout: expect.stringMatching(/^Client Version: v\d+\.\d+\.\d+\n$/), stderr: '' });
    expect(JSON.parse(runCli(['version', '--client', '-o', 'json']).stdout)).toEqual({ clientVersion: { gitVersion: expect.stringMatching(/^v\d/) } });
  });
});

describe('KUBECONFIG with several files, as clientcmd merges them', () => {
  it('skips missing files; for each name the first file wins; the first current-context wins', () => {
    const a = write('a.kubeconfig', {
      clusters: [{ name: 'shared', cluster: { server: `https://127.0.0.1:${ports[0]}` } }],
      contexts: [{ name: 'ctx-a', context: { cluster: 'shared', user: 'only-in-b' } }],
      'current-context': 'ctx-a',
    });
    const b = write('b.kubeconfig', {
      clusters: [{ name: 'shared', cluster: { server: `https://127.0.0.1:${ports[1]}` } }],
      users: [{ name: 'only-in-b', user: { token: 'secret-token-b', as: 'bob' } }],
      contexts: [{ name: 'ctx-b', context: { cluster: 'shared', user: 'only-in-b' } }],
      'current-context': 'ctx-b',
    });
    const missing = path.join(tmp, 'missing.kubeconfig');
    const run = runCli(['explain', 'web', '-v', '7'], { env: { KUBECONFIG: [missing, a, b].join(path.delimiter) } });
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(`Config loaded from file: ${a}`);
    expect(run.stderr).toContain(`Config loaded from file: ${b}`);
    expect(run.stderr).not.toContain(missing);
    expect(run.stderr).toContain(`cannot reach the cluster at https://127.0.0.1:${ports[0]}`);
    expect(run.stderr).toContain('Impersonate-User: bob');
    expect(run.stderr).toContain('Authorization: Bearer <masked>');
    expect(run.stderr).not.toContain('secret-token-b');
  });

  it('no file at all exists: exit 3 naming KUBECONFIG; a missing --kubeconfig names the file', () => {
    const none = runCli(['explain', 'web'], { env: { KUBECONFIG: [path.join(tmp, 'x'), path.join(tmp, 'y')].join(path.delimiter) } });
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/KUBECONFIG names no existing file/);
    const explicit = runCli(['explain', 'web', '--kubeconfig', path.join(tmp, 'nope')]);
    expect(explicit.code).toBe(3);
    expect(explicit.stderr).toBe(`svc-explain: kubeconfig ${path.join(tmp, 'nope')}: no such file\n`);
  });

  it('a kubeconfig that is not YAML: exit 3 with file and line, never an internal error', () => {
    const file = path.join(tmp, 'broken.kubeconfig');
    writeFileSync(file, 'clusters:\n  - name: x\n    cluster: [unclosed\n');
    const run = runCli(['explain', 'web', '--kubeconfig', file]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(new RegExp(`^svc-explain: kubeconfig ${file}:\\d+: not valid YAML`));
  });

  it('--context, --cluster and --user naming nothing are one-line errors (exit 3)', () => {
    const a = write('one.kubeconfig', { clusters: [{ name: 'c', cluster: { server: `https://127.0.0.1:${ports[0]}` } }], contexts: [{ name: 'x', context: { cluster: 'c' } }], 'current-context': 'x' });
    for (const [flag, what] of [['--context', 'context'], ['--cluster', 'cluster'], ['--user', 'user']]) {
      const run = runCli(['explain', 'web', '--kubeconfig', a, flag, 'nope']);
      expect(run.code).toBe(3);
      expect(run.stderr).toBe(`svc-explain: ${what} "nope" does not exist in the kubeconfig\n`);
    }
  });

  it('--server alone needs no context; -v 6 shows where the requests went', () => {
    const empty = write('empty.kubeconfig', {});
    const run = runCli(['explain', 'web', '--kubeconfig', empty, '--server', `http://127.0.0.1:${ports[1]}`, '--v=6']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(new RegExp(`GET http://127\\.0\\.0\\.1:${ports[1]}/api/v1/namespaces/default/services/web failed after \\d+ milliseconds: ECONNREFUSED`));
  });
});

describe('terminal width', () => {
  const messageLines = (stdout: string) => stdout.split('\n').filter((line) => /^ {13}\S/.test(line));

  it('not a terminal: findings wrap at 80 columns, with file:line; --width 120 wraps at 120', () => {
    const at80 = runCli(['lint', EXAMPLES]);
    const at120 = runCli(['lint', EXAMPLES, '--width', '120']);
    expect(messageLines(at80.stdout).length).toBeGreaterThan(5);
    for (const line of messageLines(at80.stdout)) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    for (const line of messageLines(at120.stdout)) expect(stringWidth(line)).toBeLessThanOrEqual(120);
    expect(messageLines(at120.stdout).some((line) => stringWidth(line) > 80)).toBe(true);
    expect(at80.stdout).toMatch(/^ {4}error {4}selector-matches-nothing {2}\S*examples\/shop\/cart\.yaml:2$/m);
  });

  it('-o wide, -q and -o json do not depend on --width', () => {
    for (const flags of [['-o', 'wide'], ['-q'], ['-o', 'json']]) {
      expect(runCli(['lint', EXAMPLES, ...flags, '--width', '40']).stdout).toBe(runCli(['lint', EXAMPLES, ...flags]).stdout);
    }
  });

  it('--width must be a number', () => {
    const run = runCli(['lint', EXAMPLES, '--width', 'wide']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--width needs a number/);
  });

  it('on a terminal (a pseudo-terminal from script(1)) the terminal width is used', () => {
    const bin = path.join(ROOT, 'bin/kubectl-svc_explain');
    const command = `stty cols 100 rows 50; ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} lint ${JSON.stringify(EXAMPLES)} --color never`;
    const run = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, TERM: 'xterm' } });
    expect(run.status, run.stderr).toBe(1);
    const lines = messageLines(run.stdout.replace(/\r/g, ''));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(100);
    expect(lines.some((line) => stringWidth(line) > 80)).toBe(true);
  });
});

describe('kubectl-style flags', () => {
  it('--insecure-skip-tls-verify=false and =true are accepted, as pflag does', () => {
    const empty = write('plain.kubeconfig', {});
    for (const value of ['true', 'false']) {
      const run = runCli(['explain', 'web', '--kubeconfig', empty, '--server', `https://127.0.0.1:${ports[0]}`, `--insecure-skip-tls-verify=${value}`]);
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toMatch(/cannot reach the cluster/);
    }
  });

  it('every connection flag is in --help', () => {
    const help = runCli(['check', '--help']).stdout;
    for (const flag of ['--as <USER>', '--as-group <GROUP>', '--as-uid <UID>', '--token <TOKEN>', '-s, --server <URL>', '--user <NAME>', '--cluster <NAME>', '--certificate-authority <FILE>', '--insecure-skip-tls-verify', '--tls-server-name <NAME>', '-v, --v <LEVEL>', '-l, --selector <SELECTOR>', '--field-selector <SELECTOR>', '--width <N>']) {
      expect(help).toContain(flag);
    }
  });
});
