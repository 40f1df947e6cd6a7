// npm run bench:adversarial: inputs built to be slow (long values, many keys, near-identical Pods, many
// ports), each at two sizes, as ratios against a parse floor measured in the same process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CASES } from './adversarial-cases.mjs';

const TIME_LIMIT_MS = 120_000;
const run = (name, scale) => {
  const child = spawnSync(process.execPath, ['--max-old-space-size=4096', join(import.meta.dirname, 'adversarial-run.mjs'), name, String(scale)], {
    encoding: 'utf8',
    timeout: TIME_LIMIT_MS,
  });
  if (child.error || child.status !== 0) return { failed: child.error ? `over ${TIME_LIMIT_MS / 1000} s` : (child.stderr.trim().split('\n').pop() ?? `exit ${child.status}`) };
  return JSON.parse(child.stdout);
};

const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(CASES);
console.log('| case | input | parse floor | lint (read, analyse, render) | lint / floor | lint / floor at half size |');
console.log('|---|---|---|---|---|---|');
for (const name of names) {
  const half = run(name, 0.5);
  const full = run(name, 1);
  if (full.failed || half.failed) {
    console.log(`| ${name} | | | ${full.failed ?? half.failed} | | |`);
    continue;
  }
  const ratio = (r) => r.totalMs / r.floorMs;
  console.log(
    `| ${name} | ${(full.bytes / 1024).toFixed(0)} KiB | ${full.floorMs.toFixed(0)} ms | ${full.totalMs.toFixed(0)} ms | ${ratio(full).toFixed(1)}x | ${ratio(half).toFixed(1)}x |`,
  );
}
console.log('\nlint / floor: the whole lint against reading the YAML alone (the lint includes that read); a ratio that');
console.log('stays put from half to full size means the lint grows like the parse, linearly.');
