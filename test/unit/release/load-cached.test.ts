// The npm package's code-cache loader (scripts/release/load-cached.cjs), run as the launchers run
// it: in a fresh Node process, with a private cache directory.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const loader = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/release/load-cached.cjs');

/** A CommonJS module that uses what a bundle uses: require, module, __dirname and its exports. */
function setup(): { dir: string; cache: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'svc-explain-load-cached-'));
  const file = path.join(dir, 'module.cjs');
  writeFileSync(file, "#!/usr/bin/env node\nconst { basename } = require('node:path');\nmodule.exports = { answer: 42, dir: basename(__dirname) === basename(require('node:path').dirname(__filename)) };\n");
  return { dir, cache: path.join(dir, 'cache'), file };
}

function run(file: string, cache: string, env: Record<string, string> = {}): unknown {
  const script = `const m = require(${JSON.stringify(loader)})(${JSON.stringify(file)}, module); process.stdout.write(JSON.stringify(m));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cache, ...env } }));
}

const cacheFiles = (cache: string) => readdirSync(path.join(cache, 'kubectl-svc-explain'));

it('runs the file as require() would, writes its cache on the first run and reuses it', () => {
  const { cache, file } = setup();
  const expected = { answer: 42, dir: true };
  expect(run(file, cache)).toEqual(expected);
  const [written] = cacheFiles(cache);
  expect(written).toMatch(new RegExp(`^module\\.cjs-\\d+-\\d+-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8$`));
  const bytes = readFileSync(path.join(cache, 'kubectl-svc-explain', written));
  expect(run(file, cache)).toEqual(expected);
  // Accepted: not rewritten.
  expect(readFileSync(path.join(cache, 'kubectl-svc-explain', written))).toEqual(bytes);
});

it('a corrupt cache is rejected by V8 and rewritten; the module still runs', () => {
  const { cache, file } = setup();
  run(file, cache);
  const [written] = cacheFiles(cache);
  writeFileSync(path.join(cache, 'kubectl-svc-explain', written), 'not a V8 cache');
  expect(run(file, cache)).toEqual({ answer: 42, dir: true });
  expect(readFileSync(path.join(cache, 'kubectl-svc-explain', written), 'utf8')).not.toBe('not a V8 cache');
  expect(cacheFiles(cache)).toEqual([written]);
});

it('a changed file gets a new cache and the old one is removed', () => {
  const { cache, file } = setup();
  run(file, cache);
  const [first] = cacheFiles(cache);
  writeFileSync(file, `${readFileSync(file, 'utf8')}// changed\n`);
  run(file, cache);
  const after = cacheFiles(cache);
  expect(after).toHaveLength(1);
  expect(after[0]).not.toBe(first);
});

it('SVC_EXPLAIN_CODE_CACHE=0 loads plainly and writes nothing; an unwritable cache directory is no error', () => {
  const { dir, cache, file } = setup();
  expect(run(file, cache, { SVC_EXPLAIN_CODE_CACHE: '0' })).toEqual({ answer: 42, dir: true });
  expect(() => cacheFiles(cache)).toThrow();
  // A file where the cache directory should be: mkdir fails, the run does not.
  const blocked = path.join(dir, 'blocked');
  writeFileSync(blocked, '');
  expect(run(file, blocked)).toEqual({ answer: 42, dir: true });
});
