// The block-YAML fast path against js-yaml on the same documents (npm run build first):
// node bench/fast-path-bench.mjs [DIR...] (default: the generated 10k set). Each candidate reads
// every YAML document (split and prepared as loadChunk does) in fresh processes, alternating, and
// the CPU of the reading alone is compared as medians. Then the share of documents the fast path
// reads and why the others bail.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { generateManifests } from './generate-manifests.mjs';

const DIST = join(import.meta.dirname, '../dist/sources/manifests');
const RUNS = Number(process.env.SVC_EXPLAIN_BENCH_RUNS ?? 7);

async function modules() {
  const [{ splitYamlDocuments }, { asYaml12, MAX_NESTING }, { KUBERNETES_YAML_SCHEMA }, fastPath] = await Promise.all([
    import(join(DIST, 'split-yaml-documents.js')),
    import(join(DIST, 'parse-manifests.js')),
    import(join(DIST, 'kubernetes-yaml-schema.js')),
    import(join(DIST, 'block-yaml-fast-path.js')),
  ]);
  return { splitYamlDocuments, asYaml12, options: { schema: KUBERNETES_YAML_SCHEMA, maxDepth: MAX_NESTING }, fastPath };
}

function yamlFiles(path) {
  if (!statSync(path).isDirectory()) return /\.ya?ml$/.test(path) ? [path] : [];
  return readdirSync(path).sort().flatMap((name) => yamlFiles(join(path, name)));
}

/** Every document text of the files, as loadChunk hands it to js-yaml; documents Kubernetes refuses before parsing are left out. */
function documentTexts(paths, { splitYamlDocuments, asYaml12 }) {
  const texts = [];
  for (const file of paths.flatMap(yamlFiles)) {
    try {
      for (const chunk of splitYamlDocuments(readFileSync(file, 'utf8'))) {
        try {
          texts.push(asYaml12(chunk, file));
        } catch {
          // refused before parsing (a tab-led line, a control character): neither reader sees it
        }
      }
    } catch {
      // a bad separator: the file is refused before parsing
    }
  }
  return texts;
}

const READERS = {
  'js-yaml': (texts, { options }) => {
    for (const text of texts) {
      try {
        jsYaml.load(text, options);
      } catch {
        // errors cost what they cost in both candidates
      }
    }
  },
  'fast path, js-yaml on bail': (texts, { options, fastPath: { readBlockYaml, BAIL } }) => {
    for (const text of texts) {
      try {
        if (readBlockYaml(text) === BAIL) jsYaml.load(text, options);
      } catch {
        // as above
      }
    }
  },
};

async function child(reader, paths) {
  const loaded = await modules();
  const texts = documentTexts(paths, loaded);
  const before = process.cpuUsage();
  READERS[reader](texts, loaded);
  const spent = process.cpuUsage(before);
  process.stdout.write(String((spent.user + spent.system) / 1000));
}

async function statistics(paths) {
  const loaded = await modules();
  const { readBlockYaml, BAIL, lastBailReason } = loaded.fastPath;
  const texts = documentTexts(paths, loaded);
  const reasons = new Map();
  let fast = 0;
  let mismatches = 0;
  for (const text of texts) {
    const value = readBlockYaml(text);
    if (value === BAIL) {
      reasons.set(lastBailReason(), (reasons.get(lastBailReason()) ?? 0) + 1);
      continue;
    }
    fast += 1;
    let expected;
    try {
      expected = jsYaml.load(text, loaded.options);
    } catch (error) {
      expected = error;
    }
    if (JSON.stringify(expected) !== JSON.stringify(value)) mismatches += 1;
  }
  return { documents: texts.length, fast, mismatches, reasons: [...reasons].sort((a, b) => b[1] - a[1]) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (process.argv[2] === '--child') await child(process.argv[3], process.argv.slice(4));
else {
  let work;
  let paths = process.argv.slice(2);
  if (paths.length === 0) {
    work = mkdtempSync(join(tmpdir(), 'svc-explain-fast-path-'));
    generateManifests(work, 10000);
    paths = [work];
  }
  try {
    if (!existsSync(join(DIST, 'block-yaml-fast-path.js'))) throw new Error('run npm run build first');
    const cpu = Object.fromEntries(Object.keys(READERS).map((reader) => [reader, []]));
    for (let run = 0; run < RUNS; run += 1) {
      for (const reader of Object.keys(READERS)) {
        const result = spawnSync(process.execPath, [import.meta.filename, '--child', reader, ...paths], { encoding: 'utf8' });
        if (result.status !== 0) throw new Error(`${reader}: ${result.stderr}`);
        cpu[reader].push(Number(result.stdout));
      }
    }
    const [slow, fast] = Object.keys(READERS).map((reader) => median(cpu[reader]));
    const stats = await statistics(paths);
    console.log(`documents: ${stats.documents}; read by the fast path: ${stats.fast} (${((100 * stats.fast) / stats.documents).toFixed(1)}%); differing from js-yaml: ${stats.mismatches}`);
    for (const reader of Object.keys(READERS)) console.log(`${reader}: ${median(cpu[reader]).toFixed(0)} ms CPU (median of ${RUNS}; runs ${cpu[reader].map((ms) => ms.toFixed(0)).join(' ')})`);
    console.log(`ratio: ${(slow / fast).toFixed(2)}×`);
    if (stats.reasons.length > 0) console.log('bail reasons:');
    for (const [reason, count] of stats.reasons) console.log(`  ${count}  ${reason}`);
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}
