import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import { buildExplainView } from '../../../src/core/live/explain-view.js';
import { podServices } from '../../../src/core/live/pod-services.js';
import { explainWhyNot } from '../../../src/core/live/why-not.js';
import { renderExplain } from '../../../src/render/explain.js';
import { renderJson } from '../../../src/render/json.js';
import { renderJunit } from '../../../src/render/junit.js';
import { renderPodServices } from '../../../src/render/pod-view.js';
import { renderStatusLines } from '../../../src/render/status-lines.js';
import { renderWide } from '../../../src/render/table.js';
import { renderWhyNot } from '../../../src/render/why-not-view.js';
import { assembleClusterSnapshot } from '../../../src/sources/cluster/cluster-snapshot.js';
import { clusterObjectsFromManifests } from '../../../src/sources/cluster/objects-from-manifests.js';
import { buildManifestSnapshot } from '../../../src/sources/manifests/manifest-snapshot.js';
import { parseManifestText } from '../../../src/sources/manifests/parse-manifests.js';
import { isQualifiedName } from '../../../src/core/validation.js';

/** Every Object.prototype member name as kind, field, label key, selector key and annotation key: nothing crashes or misreads. */

const NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];

const manifests = (name: string) => `
apiVersion: v1
kind: ${name}
metadata: {name: x}
---
apiVersion: v1
kind: Service
metadata: {name: missing-key, labels: {${name}: a}, annotations: {${name}: b, svc-explain/ignore: ${name}}}
spec: {${name}: 1, selector: {${name}: x, app: web}, ports: [{name: ${name}, port: 80, targetPort: ${name}}]}
---
apiVersion: v1
kind: Service
metadata: {name: extra-key}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: same-key}
spec: {selector: {${name}: yy}, ports: [{port: 81, targetPort: ${name}}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, labels: {app: web, ${name}: z}, annotations: {${name}: c}}
spec: {${name}: 2, nodeName: n1, containers: [{name: app, ${name}: 3, ports: [{name: ${name}, containerPort: 8080}]}]}
status: {phase: Running, podIP: 10.0.0.1, podIPs: [{ip: 10.0.0.1}], ${name}: 4, conditions: [{type: Ready, status: "True"}, {type: ${name}, status: "False"}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: app, image: api, ports: [{containerPort: 8080}]}]}
`;

describe.each(NAMES)('%s', (name) => {
  const parsed = () => parseManifestText(manifests(name), 'proto.yaml');

  it('lint: every renderer runs, the selector key is compared as an own key', () => {
    const snapshot = buildManifestSnapshot(parsed().map((object) => ({ ...object, file: 'proto.yaml' })), 'default');
    const report = analyze(snapshot, { mode: 'manifests' });
    for (const render of [() => renderWide(report, { color: false }), () => renderJson(report), () => renderJunit(report, { failOn: 'info' })]) {
      expect(render).not.toThrow();
    }
    const byName = new Map(report.services.map((service) => [service.name, service]));
    expect(byName.get('extra-key')?.matches.map((match) => match.name).sort()).toEqual(['api', 'web-1']);
    expect(byName.get('missing-key')?.matches).toEqual([]);
    expect(byName.get('same-key')?.matches).toEqual([]);
    if (!isQualifiedName(name)) {
      // `__proto__` and friends are no label keys Kubernetes accepts: invalid-service says so, no near misses are searched.
      expect(report.findings.filter((finding) => finding.check === 'invalid-service' && finding.message.includes(`key "${name}"`)).length).toBeGreaterThan(0);
      return;
    }
    expect(byName.get('missing-key')?.nearMisses.map((miss) => [miss.object.name, miss.differences])).toEqual([
      ['web-1', [{ selectorKey: name, want: 'x', actualKey: name, actualValue: 'z' }]],
      ['api', [{ selectorKey: name, want: 'x', actualKey: null, actualValue: null }]],
    ]);
    expect(byName.get('same-key')?.nearMisses.flatMap((miss) => miss.differences)).toEqual([{ selectorKey: name, want: 'yy', actualKey: name, actualValue: 'z' }]);
  });

  it('live: check, explain, why-not and pod run', () => {
    const objects = clusterObjectsFromManifests(parsed().map((object) => object.value), 'default');
    const snapshot = assembleClusterSnapshot(objects);
    expect(() => renderStatusLines(analyze(snapshot, { mode: 'cluster' }), { color: false })).not.toThrow();
    for (const service of objects.services) {
      expect(() => renderExplain(buildExplainView(snapshot, service.metadata.name ?? '').view, { color: false })).not.toThrow();
      const verdict = explainWhyNot({ service, pod: objects.pods[0], nodes: [], endpointSlices: [], endpoints: null, unavailable: [] });
      expect(renderWhyNot(verdict, { color: false })).toMatch(/^Pod web-1 /);
    }
    const view = podServices({ pod: objects.pods[0], services: objects.services, nodes: [], endpointSlices: [], endpoints: [], unavailable: [] });
    expect(renderPodServices(view, { color: false })).toContain('Selected by 1 Service:\n  ✗ extra-key');
  });
});
