// The reader's targets as ratios against floors measured in the same run (npm run bench):
// lint vs js-yaml loadAll (10k set), lint vs bare Node start-up plus that parse (a small app),
// peak RSS vs the js-yaml parse's, a 100 MB input vs its parse, and memory by number of files.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateManifests } from './generate-manifests.mjs';
import { measure, medianOf } from './measure.mjs';
import { buildPackagedCli } from './packaged-cli.mjs';

const BIN = join(import.meta.dirname, '../bin/kubectl-svc_explain');
const FLOOR = join(import.meta.dirname, 'js-yaml-floor.mjs');
const SMALL_APP = process.env.SVC_EXPLAIN_CORPUS ? join(process.env.SVC_EXPLAIN_CORPUS, 'microservices-demo') : join(import.meta.dirname, '../../shared/corpus/microservices-demo');

const lintWith = (bin, paths, output = 'json') => measure([bin, 'lint', '-o', output, '--fail-on', 'none', ...paths]);
const lint = (paths) => lintWith(BIN, paths);
const floor = (paths) => {
  const run = measure([FLOOR, ...paths]);
  return { ...run, parseCpuMs: JSON.parse(run.stdout).parseCpuMs };
};
const ms = (value) => `${(value / 1000).toFixed(2)} s`;
const delta = (value) => `${value < 0 ? '−' : '+'}${ms(Math.abs(value))}`;
const ratio = (a, b, target) => `**${(a / b).toFixed(2)}×** (target ≤ ${target}×)`;

/** Writes the apps of a directory as one file, to compare memory by number of files. */
function concatenate(dir, file) {
  writeFileSync(file, readdirSync(dir).sort().map((name) => readFileSync(join(dir, name), 'utf8')).join(''));
}

const work = mkdtempSync(join(tmpdir(), 'svc-explain-floors-'));
try {
  const rows = [];
  // What users install: the npm package (bundle, code cache), whose first run writes the cache unmeasured.
  const { launcher } = await buildPackagedCli(join(work, 'package'));
  measure([launcher, '--version']);
  const tenK = join(work, '10k');
  generateManifests(tenK, 10000);
  const lint10k = medianOf(3, () => lint([tenK]));
  const floor10k = medianOf(3, () => floor([tenK]));
  rows.push(['lint -o json, 10k set (1,000 files, 8 MB): CPU vs js-yaml loadAll (parse only), checkout (dist/)', `${ms(lint10k.cpuMs)} vs ${ms(floor10k.parseCpuMs)}`, ratio(lint10k.cpuMs, floor10k.parseCpuMs, 1.5)]);
  for (const output of ['json', 'table', 'sarif']) {
    const packaged = medianOf(3, () => lintWith(launcher, [tenK], output));
    rows.push([`lint -o ${output}, 10k set: the same, npm package`, `${ms(packaged.cpuMs)} vs ${ms(floor10k.parseCpuMs)}`, ratio(packaged.cpuMs, floor10k.parseCpuMs, 1.5)]);
  }
  rows.push(['lint, 10k set: peak RSS vs the js-yaml parse process', `${lint10k.peakRssMiB.toFixed(0)} vs ${floor10k.peakRssMiB.toFixed(0)} MiB`, ratio(lint10k.peakRssMiB, floor10k.peakRssMiB, 2)]);

  const oneFile = join(work, '10k-one-file.yaml');
  concatenate(tenK, oneFile);
  const lintOne = medianOf(3, () => lint([oneFile]));
  rows.push(['peak RSS, the same 8 MB as 1 file vs as 1,000 files', `${lintOne.peakRssMiB.toFixed(0)} vs ${lint10k.peakRssMiB.toFixed(0)} MiB`, `${(lint10k.peakRssMiB / lintOne.peakRssMiB).toFixed(2)}× (flat = 1.00×)`]);

  if (existsSync(SMALL_APP)) {
    const bare = medianOf(5, () => measure(['-e', '0']));
    const lintSmall = medianOf(5, () => lint([SMALL_APP]));
    const packagedSmall = medianOf(5, () => lintWith(launcher, [SMALL_APP]));
    const floorSmall = medianOf(5, () => floor([SMALL_APP]));
    const base = bare.cpuMs + floorSmall.parseCpuMs;
    rows.push([`lint, microservices-demo: CPU vs \`node -e 0\` + its js-yaml parse, checkout (dist/)`, `${ms(lintSmall.cpuMs)} vs ${ms(bare.cpuMs)} + ${ms(floorSmall.parseCpuMs)}`, ratio(lintSmall.cpuMs, base, 2)]);
    rows.push([`lint, microservices-demo: the same, npm package`, `${ms(packagedSmall.cpuMs)} vs ${ms(bare.cpuMs)} + ${ms(floorSmall.parseCpuMs)}`, ratio(packagedSmall.cpuMs, base, 2)]);
    const version = medianOf(5, () => measure([BIN, '--version']));
    const help = medianOf(5, () => measure([BIN, '--help']));
    const examples = medianOf(5, () => lint([join(import.meta.dirname, '../examples')]));
    rows.push(['start-up: `--version` / `--help` vs `node -e 0`', `${ms(version.cpuMs)} / ${ms(help.cpuMs)} vs ${ms(bare.cpuMs)}`, `${(version.cpuMs / bare.cpuMs).toFixed(2)}× / ${(help.cpuMs / bare.cpuMs).toFixed(2)}×`]);
    rows.push(['what reading and linting add to start-up: lint microservices-demo / examples/ vs `--version`', `${ms(lintSmall.cpuMs)} / ${ms(examples.cpuMs)} vs ${ms(version.cpuMs)}`, `${delta(lintSmall.cpuMs - version.cpuMs)} / ${delta(examples.cpuMs - version.cpuMs)}`]);
  } else rows.push(['lint, microservices-demo', `not found at ${SMALL_APP} (set SVC_EXPLAIN_CORPUS)`, '-']);

  if (process.env.SVC_EXPLAIN_BENCH_100MB !== '0') {
    const big = join(work, '100mb');
    generateManifests(big, 125000);
    const bigFile = join(work, '100mb.yaml');
    concatenate(big, bigFile);
    rmSync(big, { recursive: true, force: true });
    const lintBig = lint([bigFile]);
    const floorBig = floor([bigFile]);
    const size = (readFileSync(bigFile).length / 1e6).toFixed(0);
    rows.push([`lint, one ${size} MB file (125k apps, 1 run): CPU vs its js-yaml parse`, `${ms(lintBig.cpuMs)} vs ${ms(floorBig.parseCpuMs)}`, ratio(lintBig.cpuMs, floorBig.parseCpuMs, 1.5)]);
    rows.push([`lint, one ${size} MB file: peak RSS vs the js-yaml parse process`, `${lintBig.peakRssMiB.toFixed(0)} vs ${floorBig.peakRssMiB.toFixed(0)} MiB`, `${(lintBig.peakRssMiB / floorBig.peakRssMiB).toFixed(2)}×`]);
  }
  console.log('\nReader floors (CPU = user + system of a fresh process, start-up included for lint; medians of 3–5 runs).\n');
  console.log('| measurement | figures | ratio |');
  console.log('|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
