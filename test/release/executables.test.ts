// What each archive holds, and the standalone executables themselves: linux/amd64 natively,
// linux/arm64 under qemu-user, the macOS ones' ad-hoc signatures checked with rcodesign.
// The Windows executable is not run here (no Windows or Wine): only its archive and PE header.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { beforeAll, describe, expect, it } from 'vitest';
import { archivePath, checkoutLint, ROOT, run, VERSION } from './release-helpers.js';

// postject flips this fuse from :0 to :1; Node runs the embedded script only when it reads :1.
const FUSE_BLOWN = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1';
const UNIX = ['linux-amd64', 'linux-arm64', 'darwin-amd64', 'darwin-arm64'];
const extracted = new Map<string, string>();

beforeAll(async () => {
  for (const id of UNIX) {
    const dir = mkdtempSync(path.join(tmpdir(), `svc-explain-${id}-`));
    await tar.x({ file: archivePath(id), cwd: dir });
    extracted.set(id, dir);
  }
});

describe('archives', () => {
  it.each(UNIX)('%s: executable, completion helper and LICENSE at the top', (id) => {
    expect(readdirSync(extracted.get(id)!).sort()).toEqual(['LICENSE', 'kubectl-svc_explain', 'kubectl_complete-svc_explain']);
    expect(readFileSync(path.join(extracted.get(id)!, 'LICENSE'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'));
  });

  it('windows-amd64: a zip with the .exe (a PE file carrying the SEA blob), the .cmd helper and LICENSE', () => {
    const listing = execFileSync('unzip', ['-Z1', archivePath('windows-amd64')], { encoding: 'utf8' });
    expect(listing.trim().split('\n').sort()).toEqual(['LICENSE', 'kubectl-svc_explain.exe', 'kubectl_complete-svc_explain.cmd']);
    const exe = execFileSync('unzip', ['-p', archivePath('windows-amd64'), 'kubectl-svc_explain.exe'], { maxBuffer: 256 * 1024 * 1024 });
    expect(exe.subarray(0, 2).toString()).toBe('MZ');
    expect(exe.includes(FUSE_BLOWN)).toBe(true);
  });

  it.each(UNIX)('%s: the executable carries a SEA blob (the fuse Node checks is set)', (id) => {
    expect(readFileSync(path.join(extracted.get(id)!, 'kubectl-svc_explain')).includes(FUSE_BLOWN)).toBe(true);
  });
});

describe('executables', () => {
  it('linux-amd64 runs: --version, lint examples/ as the checkout, completion through the helper', () => {
    const dir = extracted.get('linux-amd64')!;
    expect(run(path.join(dir, 'kubectl-svc_explain'), ['--version']).stdout).toBe(`${VERSION}\n`);
    expect(run(path.join(dir, 'kubectl-svc_explain'), ['lint', 'examples/'])).toEqual(checkoutLint());
    expect(run(path.join(dir, 'kubectl_complete-svc_explain'), ['lint', '--fail-on', 'w']).stdout).toBe('warning\n:4\n');
  });

  it('linux-arm64 runs under qemu-user: --version and lint examples/ as the checkout', () => {
    const exe = path.join(extracted.get('linux-arm64')!, 'kubectl-svc_explain');
    const qemu = (args: string[]) => run('qemu-aarch64-static', ['-L', '/usr/aarch64-linux-gnu', exe, ...args]);
    expect(run('file', ['-b', exe]).stdout).toContain('ARM aarch64');
    expect(qemu(['--version']).stdout).toBe(`${VERSION}\n`);
    expect(qemu(['lint', 'examples/'])).toEqual(checkoutLint());
  });

  // rcodesign's own `verify` calls itself unreliable and fails on ad-hoc signatures (it looks for a
  // CMS signer), so this reads the signature rcodesign finds and checks what an ad-hoc one must be.
  it.each(['darwin-amd64', 'darwin-arm64'])('%s is a Mach-O with an ad-hoc signature over the whole executable', (id) => {
    const exe = path.join(extracted.get(id)!, 'kubectl-svc_explain');
    expect(run('file', ['-b', exe]).stdout).toContain(id.endsWith('arm64') ? 'arm64' : 'x86_64');
    const rcodesign = execFileSync('bash', [path.join(ROOT, 'scripts/release/build-rcodesign.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop()!;
    const info = run(rcodesign, ['print-signature-info', exe]);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain('flags: CodeSignatureFlags(ADHOC)');
    expect(info.stdout).toContain('identifier: kubectl-svc_explain');
    const signatureStart = /macho_signature_start_offset: (\d+)/.exec(info.stdout)?.[1];
    expect(signatureStart).toBeDefined();
    expect(info.stdout).toContain(`signed_entity_size: ${signatureStart}`);
  });
});
