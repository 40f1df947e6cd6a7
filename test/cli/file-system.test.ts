import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, FIXTURES, ROOT } from './run-cli.js';

/** Directory walks and output failures against the real file system: loops, FIFOs, sockets, byte names, /dev/full. */

beforeAll(buildOnce, 120_000);

const BIN = path.join(ROOT, 'bin/kubectl-svc_explain');
const clean = readFileSync(path.join(FIXTURES, 'clean.yaml'));

/** The real CLI; a generous limit turns a hang (the bug) into a failure instead of a stuck suite. */
function lint(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [BIN, 'lint', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, timedOut: run.error !== undefined };
}

function directory(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'svc-explain-walk-'));
  writeFileSync(path.join(dir, 'clean.yaml'), clean);
  return dir;
}

describe('directory walks', () => {
  it('a symlink loop is noted and skipped, not followed forever', () => {
    const dir = directory();
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync('..', path.join(dir, 'sub', 'up'));
    symlinkSync('.', path.join(dir, 'self'));
    const run = lint(['.'], dir);
    expect(run.timedOut).toBe(false);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('note: sub/up: skipped, a symlink loop');
    expect(run.stdout).toContain('note: self: skipped, a symlink loop');
    expect(run.stdout).toMatch(/^1 service, /m);
  });

  it('FIFOs, sockets and devices in a directory are noted and skipped; a FIFO given by name is read', async () => {
    const dir = directory();
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe.yaml')]).status).toBe(0);
    symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'socket.yaml'), resolve));
    try {
      const run = lint(['.'], dir);
      expect(run.timedOut).toBe(false);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('note: pipe.yaml: skipped, a FIFO is not a manifest file');
      expect(run.stdout).toContain('note: socket.yaml: skipped, a socket is not a manifest file');
      expect(run.stdout).toContain('note: zero.yaml: skipped, a device is not a manifest file');
    } finally {
      server.close();
    }
    const fed = spawnSync('sh', ['-c', `cat clean.yaml > pipe.yaml & exec "${process.execPath}" "${BIN}" lint pipe.yaml`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(fed.status, fed.stderr).toBe(0);
  });

  it('a file name that is not UTF-8 is read through its bytes and shown with \\xNN', () => {
    const dir = directory();
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/bad-`), Buffer.from([0xff, 0xfe]), Buffer.from('é.yaml')]), readFileSync(path.join(FIXTURES, 'selector-typo.yaml')));
    const run = lint(['-q', '.'], dir);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^bad-\\xff\\xfeé\.yaml:\d+: error: /m);
  });

  it('a symlink to nothing is noted', () => {
    const dir = directory();
    symlinkSync('missing.yaml', path.join(dir, 'dangling.yaml'));
    const run = lint(['.'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('note: dangling.yaml: skipped, a symlink to nothing');
  });
});

describe('standard output', () => {
  it('a directory past the system\'s path limit is noted, and named when nothing else was found', () => {
    const dir = directory();
    // 25 levels of 200 characters: beyond PATH_MAX (4,096), so made from a process that walks in by relative paths.
    const deep = mkdtempSync(path.join(tmpdir(), 'svc-explain-deep-'));
    const made = spawnSync(process.execPath, ['-e', "const fs = require('fs'); for (let i = 0; i < 25; i += 1) { fs.mkdirSync('d'.repeat(200)); process.chdir('d'.repeat(200)); } fs.writeFileSync('x.yaml', 'kind: x');"], { cwd: deep });
    expect(made.status, String(made.stderr)).toBe(0);
    symlinkSync(deep, path.join(dir, 'deep'));
    const run = lint(['.'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^note: deep(\/d{200})+: skipped, its path is longer than the system allows$/m);
    expect(run.stdout).toMatch(/^1 service, /m);
    const alone = lint([deep], dir);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^svc-explain: \S+: no \*\.yaml, \*\.yml or \*\.json files in this directory \(\S+: skipped, its path is longer than the system allows\)\n$/);
  });

  it('a write that fails (/dev/full) is one line on stderr and exit 74', () => {
    const run = spawnSync('sh', ['-c', `exec "${process.execPath}" "${BIN}" lint clean.yaml > /dev/full`], { cwd: FIXTURES, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(74);
    expect(run.stderr).toBe('svc-explain: cannot write the output: ENOSPC: no space left on device, write\n');
  });

  it('a reader that stops early (EPIPE) keeps the exit code and prints nothing on stderr', () => {
    const dir = directory();
    const typo = readFileSync(path.join(FIXTURES, 'selector-typo.yaml'), 'utf8');
    // About 600 kB of output, far more than a pipe holds, so the write really meets a closed pipe.
    writeFileSync(path.join(dir, 'many.yaml'), Array.from({ length: 600 }, (_, i) => typo.replaceAll('frontend', `frontend-${i}`)).join('\n---\n'));
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" lint -o wide many.yaml | head -c 1 > /dev/null; exit \${PIPESTATUS[0]}`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  }, 120_000);

  it('-o json and -o sarif (printed piece by piece) keep the exit code when the reader stops early, and reach a slow reader whole', () => {
    const dir = directory();
    const typo = readFileSync(path.join(FIXTURES, 'selector-typo.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'many.yaml'), Array.from({ length: 600 }, (_, i) => typo.replaceAll('frontend', `frontend-${i}`)).join('\n---\n'));
    for (const output of ['json', 'sarif']) {
      const early = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" lint -o ${output} many.yaml | head -c 1 > /dev/null; exit \${PIPESTATUS[0]}`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(early.stderr).toBe('');
      expect(early.status).toBe(1);
      // A reader that starts late finds the pipe full for a while: the CLI waits for it instead of queueing the report.
      const slow = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" lint -o ${output} many.yaml | (sleep 1; cat) > slow.out; exit \${PIPESTATUS[0]}`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      const direct = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" lint -o ${output} many.yaml > direct.out`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect([slow.status, direct.status]).toEqual([1, 1]);
      const text = readFileSync(path.join(dir, 'slow.out'), 'utf8');
      expect(text.length).toBeGreaterThan(300_000);
      expect(text).toBe(readFileSync(path.join(dir, 'direct.out'), 'utf8'));
    }
  }, 120_000);
});
