// One measured lint run in a fresh process, so peak memory belongs to this run alone.
import { analyze } from '../dist/core/analyze.js';
import { loadManifests } from '../dist/sources/manifests/load-manifests.js';
import { renderJson } from '../dist/render/json.js';

const dir = process.argv[2];
const start = performance.now();
const snapshot = await loadManifests([dir], { defaultNamespace: 'default' });
const parsed = performance.now();
const report = analyze(snapshot);
const analysed = performance.now();
const output = renderJson(report);
const rendered = performance.now();
process.stdout.write(
  JSON.stringify({
    objects: snapshot.services.length + snapshot.workloads.length,
    findings: report.findings.length,
    parseMs: parsed - start,
    analyzeMs: analysed - parsed,
    renderMs: rendered - analysed,
    totalMs: rendered - start,
    outputBytes: output.length,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
