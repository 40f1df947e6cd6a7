// npm run bench: lints synthetic manifest sets of N = 1,000 and 10,000 Services and prints figures.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateManifests } from './generate-manifests.mjs';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const runs = [];
for (const n of sizes.length ? sizes : [1000, 10000]) {
  const dir = mkdtempSync(join(tmpdir(), `svc-explain-bench-${n}-`));
  try {
    const files = generateManifests(dir, n);
    // Three fresh processes per size; each figure is the median, since garbage collection moves a single run.
    const samples = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, [join(import.meta.dirname, 'lint-run.mjs'), dir], { encoding: 'utf8' })));
    const median = (key) => samples.map((sample) => sample[key]).sort((a, b) => a - b)[1];
    const keys = ['parseMs', 'analyzeMs', 'renderMs', 'totalMs', 'peakRssMiB'];
    runs.push({ n, files, ...samples[0], ...Object.fromEntries(keys.map((key) => [key, median(key)])) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const fmt = (ms) => `${ms.toFixed(0)} ms`;
console.log('Medians of 3 runs per size.\n');
console.log('| Services (N) | files | objects | findings | parse | analysis | render (json) | total | analysis share | peak RSS |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const run of runs) {
  const share = ((run.analyzeMs / run.totalMs) * 100).toFixed(1);
  console.log(
    `| ${run.n} | ${run.files} | ${run.objects} | ${run.findings} | ${fmt(run.parseMs)} | ${fmt(run.analyzeMs)} | ${fmt(run.renderMs)} | ${fmt(run.totalMs)} | ${share}% | ${run.peakRssMiB.toFixed(0)} MiB |`,
  );
}
if (runs.length >= 2) {
  const [small, large] = [runs[0], runs[runs.length - 1]];
  const ratio = large.totalMs / small.totalMs / (large.n / small.n);
  console.log(`\ntotal time per Service at N=${large.n} vs N=${small.n}: ${ratio.toFixed(2)}x (1.00 = linear)`);
}
