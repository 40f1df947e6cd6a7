import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, FIXTURES, ROOT, runCli } from './run-cli.js';

/**
 * Golden bytes for terminal and CI-log injection through lint: hostile names, values, port names and
 * a file name with an OSC title sequence, a workflow command and a forged summary line. Real process.
 */

beforeAll(buildOnce, 120_000);

const golden = (name: string) => path.join(ROOT, 'test/golden/injection', name);
const HOSTILE_FILE = 'app\u001b]0;pwned\u0007\n::error file=x::y.yaml';

function hostileDirectory(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'svc-explain-injection-'));
  copyFileSync(path.join(FIXTURES, 'injection.yaml'), path.join(directory, HOSTILE_FILE));
  return directory;
}

describe('lint prints input as visible escapes', () => {
  it.each([
    ['lint-table.txt', ['lint', HOSTILE_FILE]],
    ['lint-wide.txt', ['lint', '-o', 'wide', HOSTILE_FILE]],
    ['lint-quiet.txt', ['lint', '-q', '--fail-on', 'info', HOSTILE_FILE]],
    ['lint-wide-color.txt', ['lint', '-o', 'wide', '--color', 'always', HOSTILE_FILE]],
    ['lint-directory-quiet.txt', ['lint', '-q', '--fail-on', 'info', '.']],
  ])('%s', async (file, args) => {
    const run = runCli(args, { cwd: hostileDirectory() });
    expect(run.code, run.stderr).toBe(1);
    await expect(run.stdout).toMatchFileSnapshot(golden(file));
    const plain = run.stdout.replace(/\u001b\[\d+m/g, '');
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(plain.split('\n').filter((line) => line.startsWith('::') || /^0 services/.test(line))).toEqual([]);
  });

  it('an error naming a hostile file is one escaped line on stderr', () => {
    const run = runCli(['lint', `missing-${HOSTILE_FILE}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('svc-explain: missing-app\\x1b]0;pwned\\x07\\n::error file=x::y.yaml: no such file or directory\n');
  });

  it('a directory walk naming a hostile file with bad YAML keeps the newline of its name in one escaped line', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'svc-explain-injection-'));
    writeFileSync(path.join(directory, HOSTILE_FILE), 'a: [\n');
    const run = runCli(['lint', '.'], { cwd: directory });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(/^svc-explain: app\\x1b\]0;pwned\\x07\\n::error file=x::y\.yaml:\d+(:\d+)?: invalid YAML: .+\n$/);
  });

  it('an unknown option with escapes is escaped too', () => {
    const run = runCli(['lint', '--\u001b[2Jx', 'clean.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('svc-explain: unknown flag "--\\x1b[2Jx"\n');
  });
});
