// The parser candidates on the same files, each in a fresh process, CPU of the parse only:
// node bench/parser-candidates.mjs DIR. Printed as a table for the README.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CANDIDATES = {
  'js-yaml 4 loadAll (YAML 1.2 core schema)': async (texts) => {
    const { default: jsYaml } = await import('js-yaml');
    for (const text of texts) jsYaml.loadAll(text, () => {});
  },
  'yaml 2 parseAllDocuments + toJS (the previous reader)': async (texts) => {
    const { parseAllDocuments, LineCounter } = await import('yaml');
    for (const text of texts) for (const doc of parseAllDocuments(text, { lineCounter: new LineCounter(), uniqueKeys: false })) doc.toJS();
  },
  "yaml 2 parse, version: '1.1' (merge keys, 1.1 booleans)": async (texts) => {
    const { parseAllDocuments } = await import('yaml');
    for (const text of texts) for (const doc of parseAllDocuments(text, { version: '1.1' })) doc.toJS();
  },
  'svc-explain reader (document scan + js-yaml, Kubernetes schema)': async (texts) => {
    const { readManifestDocuments } = await import('../dist/sources/manifests/parse-manifests.js');
    for (const text of texts) readManifestDocuments(text, 'bench.yaml');
  },
};

const [dir, name] = process.argv.slice(2);
if (name) {
  const texts = readdirSync(dir).sort().map((file) => readFileSync(join(dir, file), 'utf8'));
  const before = process.cpuUsage();
  await CANDIDATES[name](texts);
  const spent = process.cpuUsage(before);
  process.stdout.write(String((spent.user + spent.system) / 1000));
} else {
  console.log('| parser | CPU, median of 3 |\n|---|---|');
  for (const candidate of Object.keys(CANDIDATES)) {
    const runs = [0, 1, 2].map(() => Number(spawnSync(process.execPath, [import.meta.filename, dir, candidate], { encoding: 'utf8' }).stdout)).sort((a, b) => a - b);
    console.log(`| ${candidate} | ${(runs[1] / 1000).toFixed(2)} s |`);
  }
}
