// One adversarial case in a fresh process: the parse floor (reading the YAML alone) and the whole lint
// (read, parse, analyse, render the table), both measured here, so the ratio does not depend on the machine.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyze } from '../dist/core/analyze.js';
import { loadManifests } from '../dist/sources/manifests/load-manifests.js';
import { renderTable } from '../dist/render/table.js';
import { CASES } from './adversarial-cases.mjs';

const [name, scale] = [process.argv[2], Number(process.argv[3] ?? 1)];
const text = CASES[name](scale);
const dir = mkdtempSync(join(tmpdir(), 'svc-explain-adversarial-'));
try {
  const file = join(dir, 'case.yaml');
  writeFileSync(file, text);
  const parse = () => {
    const started = performance.now();
    for (const document of parseAllDocuments(text)) document.toJS();
    return performance.now() - started;
  };
  parse(); // warms the YAML parser up, as the lint's own read is warm after its first documents
  const floorMs = parse();
  const start = performance.now();
  const report = analyze(await loadManifests([file], { defaultNamespace: 'default' }), { mode: 'manifests' });
  const output = renderTable(report, { color: false });
  const totalMs = performance.now() - start;
  process.stdout.write(JSON.stringify({ bytes: text.length, floorMs, totalMs, findings: report.findings.length, outputBytes: output.length }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
