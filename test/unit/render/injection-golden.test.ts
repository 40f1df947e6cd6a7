import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import { buildExplainView } from '../../../src/core/live/explain-view.js';
import { podServices } from '../../../src/core/live/pod-services.js';
import { explainWhyNot } from '../../../src/core/live/why-not.js';
import { renderExplain } from '../../../src/render/explain.js';
import { renderPodServices } from '../../../src/render/pod-view.js';
import { renderStatusLines } from '../../../src/render/status-lines.js';
import { renderWide } from '../../../src/render/table.js';
import { renderWhyNot } from '../../../src/render/why-not-view.js';
import { assembleClusterSnapshot } from '../../../src/sources/cluster/cluster-snapshot.js';
import { clusterObjectsFromManifests } from '../../../src/sources/cluster/objects-from-manifests.js';
import { parseManifestText } from '../../../src/sources/manifests/parse-manifests.js';

/** Golden bytes: the live views of a cluster whose Pod status carries terminal escapes, a workflow command and a forged summary. */

const FIXTURE = join(import.meta.dirname, '../../fixtures/live/injection.yaml');
const golden = (name: string) => join(import.meta.dirname, '../../golden/injection', name);
const objects = clusterObjectsFromManifests(parseManifestText(readFileSync(FIXTURE, 'utf8'), FIXTURE).map((parsed) => parsed.value), 'default');
const snapshot = assembleClusterSnapshot(objects);
const [service] = objects.services;
const [pod] = objects.pods;

describe('injection through cluster strings (golden bytes)', () => {
  it.each([
    ['explain.txt', (color: boolean) => renderExplain(buildExplainView(snapshot, 'web').view, { color })],
    ['check.txt', (color: boolean) => renderStatusLines(analyze(snapshot, { mode: 'cluster' }), { color })],
    ['check-wide.txt', (color: boolean) => renderWide(analyze(snapshot, { mode: 'cluster' }), { color })],
    ['why-not.txt', (color: boolean) => renderWhyNot(explainWhyNot({ service, pod, nodes: objects.nodes, endpointSlices: [], endpoints: null, unavailable: [] }), { color })],
    ['pod.txt', (color: boolean) => renderPodServices(podServices({ pod, services: objects.services, nodes: objects.nodes, endpointSlices: [], endpoints: [], unavailable: [] }), { color })],
  ])('%s', async (file, render) => {
    const plain = render(false);
    await expect(plain).toMatchFileSnapshot(golden(file));
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(plain.split('\n').filter((line) => line.startsWith('::') || /^0 services/.test(line))).toEqual([]);
    // The tool's own colours stay; stripped of them, the coloured output is the plain one.
    const coloured = render(true);
    expect(coloured).toContain('\u001b[');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});
