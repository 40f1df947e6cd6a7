// One measured lint run in a fresh process, so peak memory belongs to this run alone. Phases are CPU time.
import { analyze } from '../dist/core/analyze.js';
import { readManifests } from '../dist/sources/manifests/load-manifests.js';
import { renderJson } from '../dist/render/json.js';

const dir = process.argv[2];
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const start = cpu();
const { snapshot } = await readManifests([dir], { defaultNamespace: 'default' });
const parsed = cpu();
const report = analyze(snapshot);
const analysed = cpu();
const output = renderJson(report);
const rendered = cpu();
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
