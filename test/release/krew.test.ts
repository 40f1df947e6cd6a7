// The generated krew manifest against krew itself (v0.4.3, built from its Go module): krew's
// validator, then `kubectl krew install --manifest --archive` of every platform's archive into a
// fresh KREW_ROOT (as the validator's own install step does, without downloading), and the
// linux/amd64 install run through kubectl: --version, lint examples/, completion.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { archivePath, checkoutLint, releaseDir, ROOT, run, VERSION } from './release-helpers.js';

const PLATFORMS = ['linux-amd64', 'linux-arm64', 'darwin-amd64', 'darwin-arm64', 'windows-amd64'];

interface Manifest {
  spec: { version: string; platforms: { selector: { matchLabels: { os: string; arch: string } }; uri: string; sha256: string; bin: string; files: { from: string; to: string }[] }[] };
}

let tools: string;
let manifestPath: string;

beforeAll(() => {
  tools = mkdtempSync(path.join(tmpdir(), 'svc-explain-krew-tools-'));
  symlinkSync(path.join(inject('krewBin'), 'krew'), path.join(tools, 'kubectl-krew'));
  // krew's validator wants the file named after the plugin, as in krew-index.
  manifestPath = path.join(tools, 'svc-explain.yaml');
  copyFileSync(path.join(releaseDir(), 'krew-manifest.yaml'), manifestPath);
});

/** Installs one platform's archive with krew into a new KREW_ROOT and returns that root. */
function krewInstall(id: string): { root: string; result: ReturnType<typeof run> } {
  const root = mkdtempSync(path.join(tmpdir(), `svc-explain-krew-${id}-`));
  const [os, arch] = id.split('-');
  const env = { KREW_ROOT: root, KREW_OS: os, KREW_ARCH: arch, PATH: `${tools}${path.delimiter}${process.env.PATH}` };
  return { root, result: run('kubectl', ['krew', 'install', `--manifest=${manifestPath}`, `--archive=${archivePath(id)}`], env) };
}

describe('krew-manifest.yaml', () => {
  it("passes krew's validate-krew-manifest", () => {
    const result = run(path.join(inject('krewBin'), 'validate-krew-manifest'), ['-manifest', manifestPath, '-skip-install']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('structural validation OK');
    expect(result.stderr).toContain('no overlapping spec.platform[].selector');
  });

  it('names each archive by its release URI and sha256, as sha256sums.txt does', () => {
    const manifest = parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    const repository = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string } }).repository.url.replace(/\.git$/, '');
    expect(manifest.spec.version).toBe(`v${VERSION}`);
    const sums = readFileSync(path.join(releaseDir(), 'sha256sums.txt'), 'utf8');
    expect(manifest.spec.platforms.map((p) => `${p.selector.matchLabels.os}-${p.selector.matchLabels.arch}`)).toEqual(PLATFORMS);
    for (const platform of manifest.spec.platforms) {
      const id = `${platform.selector.matchLabels.os}-${platform.selector.matchLabels.arch}`;
      const file = path.basename(archivePath(id));
      expect(platform.uri).toBe(`${repository}/releases/download/v${VERSION}/${file}`);
      expect(platform.sha256).toBe(createHash('sha256').update(readFileSync(archivePath(id))).digest('hex'));
      expect(sums).toContain(`${platform.sha256}  ${file}\n`);
    }
  });
});

describe('kubectl krew install --manifest --archive', () => {
  it.each(PLATFORMS)('%s installs the executable and LICENSE', (id) => {
    const { root, result } = krewInstall(id);
    expect(result.code, result.stderr).toBe(0);
    const store = path.join(root, 'store', 'svc-explain', `v${VERSION}`);
    const exe = id.startsWith('windows') ? 'kubectl-svc_explain.exe' : 'kubectl-svc_explain';
    expect(existsSync(path.join(store, exe))).toBe(true);
    expect(existsSync(path.join(store, 'LICENSE'))).toBe(true);
    expect(existsSync(path.join(root, 'bin', exe))).toBe(true);
  });

  it('linux-amd64: kubectl svc-explain runs from the krew install, completion after the caveat link', () => {
    const { root, result } = krewInstall('linux-amd64');
    expect(result.code, result.stderr).toBe(0);
    const env = { PATH: `${path.join(root, 'bin')}${path.delimiter}${process.env.PATH}` };
    expect(run('kubectl', ['svc-explain', '--version'], env).stdout).toBe(`${VERSION}\n`);
    const lint = run('kubectl', ['svc-explain', 'lint', 'examples/'], env);
    const expected = checkoutLint();
    expect(lint).toEqual(expected);
    expect(lint.code).toBe(1);
    // The caveat's ln -s, then kubectl's own plugin completion finds the helper.
    symlinkSync(path.join(root, 'store', 'svc-explain', `v${VERSION}`, 'kubectl_complete-svc_explain'), path.join(root, 'bin', 'kubectl_complete-svc_explain'));
    const completion = run('kubectl', ['__complete', 'svc-explain', 'li'], env);
    expect(completion.stdout).toBe('lint\tcheck Service manifests offline, without a cluster\n:4\n');
  });
});

