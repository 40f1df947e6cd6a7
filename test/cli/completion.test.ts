// Shell completion as processes: bin/kubectl_complete-svc_explain speaks cobra's protocol (what
// kubectl >= 1.26 runs for `kubectl svc-explain <TAB>`), through the real kubectl too, and the
// `completion SHELL` scripts run in real bash and fish (zsh: syntax only). Cluster names are
// completed in test/cluster/completion.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/core/checks/registry.js';
import { FAIL_ON_VALUES } from '../../src/render/fail-on.js';
import { buildOnce, ROOT, runCli } from './run-cli.js';
import { freePort } from '../helpers/free-port.js';

const BIN = path.join(ROOT, 'bin');
const PATH = `${BIN}${path.delimiter}${process.env.PATH}`;
const SHELL_MISSING = 'the shell is not installed: npm test installs zsh and fish (scripts/install-test-deps.sh)';
let kubeconfig: string;

function complete(words: string[], env: Record<string, string> = {}) {
  const result = spawnSync(path.join(BIN, 'kubectl_complete-svc_explain'), words, { encoding: 'utf8', env: { ...process.env, KUBECONFIG: kubeconfig, ...env } });
  const lines = result.stdout.trimEnd().split('\n');
  return { code: result.status, stderr: result.stderr, directive: lines.pop(), values: lines.map((line) => line.split('\t')[0]) };
}

beforeAll(async () => {
  buildOnce();
  const dir = mkdtempSync(path.join(tmpdir(), 'svc-explain-completion-'));
  kubeconfig = path.join(dir, 'config');
  const server = `https://127.0.0.1:${await freePort()}`;
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
current-context: dev
clusters: [{ name: dev-cluster, cluster: { server: "${server}" } }]
users: [{ name: dev-user, user: { token: t } }]
contexts:
  - { name: dev, context: { cluster: dev-cluster, user: dev-user, namespace: shop } }
  - { name: prod-eu, context: { cluster: dev-cluster, user: dev-user, namespace: billing } }
`,
  );
}, 180_000);

describe('kubectl_complete-svc_explain', () => {
  it('offers the subcommands for the first word, with descriptions, and no file names', () => {
    const result = complete(['']);
    expect(result.values).toEqual(expect.arrayContaining(['lint', 'check', 'explain', 'pod', 'why-not', 'completion']));
    expect(result.directive).toBe(':4');
    expect(complete(['li']).values).toEqual(['lint']);
  });

  it('offers flags, -o values and check ids for --ignore (comma lists too)', () => {
    expect(complete(['lint', '--ig']).values).toEqual(['--ignore']);
    expect(complete(['lint', '-o', '']).values).toEqual(['table', 'wide', 'json', 'yaml', 'name', 'sarif', 'junit']);
    expect(complete(['check', '--output=j']).values).toEqual(['--output=json', '--output=junit']);
    const ids = CHECKS.map((check) => check.id);
    expect(complete(['lint', '--ignore', '']).values).toEqual(ids);
    const rest = complete(['lint', '--ignore', `${ids[0]},`]);
    expect(rest.values).toEqual(ids.slice(1).map((id) => `${ids[0]},${id}`));
    expect(rest.directive).toBe(':6');
  });

  it('leaves file names to the shell for lint paths and --kubeconfig', () => {
    expect(complete(['lint', '']).directive).toBe(':0');
    expect(complete(['explain', '--kubeconfig', '']).directive).toBe(':0');
  });

  it('completes contexts and namespaces from the kubeconfig, silently when the cluster is down', () => {
    expect(complete(['--context', '']).values).toEqual(['dev', 'prod-eu']);
    expect(complete(['check', '--context', 'pr']).values).toEqual(['prod-eu']);
    const namespaces = complete(['check', '-n', '']);
    expect(namespaces.values).toEqual(['shop', 'billing']);
    expect(namespaces.stderr).toBe('');
    const services = complete(['explain', '']);
    expect(services).toMatchObject({ code: 0, stderr: '', values: [], directive: ':4' });
  }, 90_000);

  it('gives up on a cluster that never answers after --request-timeout, with nothing printed but the directive', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const dir = mkdtempSync(path.join(tmpdir(), 'svc-explain-completion-silent-'));
    const config = path.join(dir, 'config');
    const { port } = silent.address() as net.AddressInfo;
    writeFileSync(config, readFileSync(kubeconfig, 'utf8').replace(/server: "[^"]*"/, `server: "https://127.0.0.1:${port}"`));
    try {
      const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(path.join(BIN, 'kubectl_complete-svc_explain'), ['--request-timeout', '1s', '--kubeconfig', config, 'explain', ''], { env: { ...process.env, KUBECONFIG: '' } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      expect(result).toEqual({ code: 0, stdout: ':4\n', stderr: '' });
    } finally {
      silent.close();
    }
  }, 90_000);

  it('works through kubectl, which finds it on PATH next to the plugin', () => {
    const result = spawnSync('kubectl', ['__complete', 'svc-explain', 'lint', '--fail-on', ''], { encoding: 'utf8', env: { ...process.env, PATH, KUBECONFIG: kubeconfig } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toEqual([...FAIL_ON_VALUES, ':4']);
  });
});

describe('completion SHELL', () => {
  it('prints a script per shell and rejects others', () => {
    for (const shell of ['bash', 'zsh', 'fish', 'powershell']) expect(runCli(['completion', shell]).stdout).toContain('kubectl_complete-svc_explain');
    const bad = runCli(['completion', 'tcsh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('tcsh');
  });

  it('bash: the script completes through the helper', () => {
    const script = runCli(['completion', 'bash']).stdout;
    const probe = `${script}\nCOMP_WORDS=(kubectl-svc_explain lint --output w); COMP_CWORD=3; _kubectl_svc_explain; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const result = spawnSync('bash', ['-c', probe], { encoding: 'utf8', env: { ...process.env, PATH, KUBECONFIG: kubeconfig } });
    expect(result.stdout).toBe('wide\n');
  });

  it('fish: the script completes through the helper', () => {
    const script = runCli(['completion', 'fish']).stdout;
    const result = spawnSync('fish', ['--no-config', '-c', `${script}\ncomplete -C 'kubectl-svc_explain check --color a'`], { encoding: 'utf8', env: { ...process.env, PATH, KUBECONFIG: kubeconfig } });
    expect(result.error?.message, SHELL_MISSING).toBeUndefined();
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')[0]).toBe('always');
  });

  it('zsh: the script parses (zsh -n; its completion widget needs an interactive shell)', () => {
    const result = spawnSync('zsh', ['-n'], { input: runCli(['completion', 'zsh']).stdout, encoding: 'utf8' });
    expect(result.error?.message, SHELL_MISSING).toBeUndefined();
    expect(result.status, result.stderr).toBe(0);
  });
});
