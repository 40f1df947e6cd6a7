import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import { buildExplainView } from '../../../src/core/live/explain-view.js';
import { renderExplain } from '../../../src/render/explain.js';
import { renderStatusLines } from '../../../src/render/status-lines.js';
import { assembleClusterSnapshot } from '../../../src/sources/cluster/cluster-snapshot.js';
import { clusterObjectsFromManifests } from '../../../src/sources/cluster/objects-from-manifests.js';
import { parseManifestText } from '../../../src/sources/manifests/parse-manifests.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/live/shop.yaml');
const golden = (name: string) => join(import.meta.dirname, '../../golden', name);

function shopSnapshot(keep: (object: Record<string, unknown>) => boolean = () => true) {
  const objects = parseManifestText(readFileSync(FIXTURE, 'utf8'), FIXTURE).map((parsed) => parsed.value).filter(keep);
  return assembleClusterSnapshot(clusterObjectsFromManifests(objects, 'default'));
}

describe('live views', () => {
  it('explain: Pods with readiness reasons, near miss, stale slice named, proxy shares and chains, rules', async () => {
    const { view, report } = buildExplainView(shopSnapshot(), 'web', { rules: { localDetector: { mode: 'ClusterCIDR', cidr: '10.244.0.0/16' } } });
    expect(report.findings.map((finding) => finding.check)).toContain('endpoints-drift');
    expect(view.live.endpointSlices.differences.map((difference) => difference.kind)).toEqual(['unexpected-endpoint']);
    await expect(renderExplain(view, { color: false })).toMatchFileSnapshot(golden('explain.txt'));
    await expect(renderExplain(view, { color: false, width: 120 })).toMatchFileSnapshot(golden('explain-120.txt'));
  });

  it.each([
    { counter: false, nfacct: 0, note: 1 },
    { counter: true, nfacct: 1, note: 0 },
  ])('--show-rules with the localhost NodePort counter: $counter', ({ counter, nfacct, note }) => {
    const { view } = buildExplainView(shopSnapshot(), 'web', { rules: { localhostNodePortsNfacct: counter } });
    const rules = view.rules ?? [];
    expect(rules.filter((line) => line.startsWith('-A KUBE-NODEPORTS -d 127.0.0.0/8') && line.includes('-m nfacct'))).toHaveLength(nfacct);
    expect(rules.filter((line) => line.startsWith('# not shown'))).toHaveLength(note);
    expect(rules.filter((line) => line.startsWith('-A KUBE-NODEPORTS') && !line.includes('127.0.0.0/8'))).toHaveLength(1);
  });

  it('explain with --proxy-mode nftables names the nftables chains; with ClientIP affinity the endpoint chains too', () => {
    const { view } = buildExplainView(shopSnapshot(), 'web', { proxyMode: 'nftables' });
    const text = renderExplain(view, { color: false });
    expect(text).toContain('Proxy (kube-proxy 1.37, nftables mode):');
    expect(text).toMatch(/shop\/web:http TCP: service-[A-Z2-7]{8}-shop\/web\/tcp\/http/);
    expect(text).toMatch(/node-port <node IPs>:30080 \(Cluster policy\) → external-[A-Z2-7]{8}-shop\/web\/tcp\/http \(numgen vmap to endpoint chains\)\n/);
    // The shop Service has ClientIP affinity: kube-proxy keeps one chain per endpoint for it.
    expect(text).toMatch(/33\.3% {2}10\.244\.1\.3:8080 +endpoint-[A-Z2-7]{8}-shop\/web\/tcp\/http__10\.244\.1\.3\/8080  from web-abcde \(endpointslice-controller\.k8s\.io\)\n/);
    expect(text).not.toContain('KUBE-');
  });

  it('explain on 1.33 notes a duplicate endpoint whose kept copy depends on the order kube-proxy reads the slices in', async () => {
    const snapshot = shopSnapshot();
    const mesh = structuredClone(snapshot.endpointSlices.find((entry) => entry.ref.name === 'web-abcde')!);
    mesh.ref = { ...mesh.ref, name: 'web-mesh' };
    mesh.object.metadata = { ...mesh.object.metadata, name: 'web-mesh', labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'mesh.example.com' } };
    mesh.object.endpoints = [{ addresses: ['10.244.1.3'], conditions: { ready: false, serving: true, terminating: true } }];
    snapshot.endpointSlices.push(mesh);
    const note = (minor: string) => {
      const { view } = buildExplainView({ ...snapshot, kubernetesVersion: { minor, source: 'server', server: `v${minor}.0` } }, 'web', {});
      return renderExplain(view, { color: false }).split('\n').filter((line) => line.includes('note: the copies'));
    };
    expect(note('1.33')).toEqual(['    note: the copies of 10.244.1.3:8080 in web-abcde, web-mesh differ; kube-proxy 1.33 keeps one by the order it reads the slices in, which is not fixed (shown: the copy from web-abcde, ready)']);
    expect(note('1.36')).toEqual([]);
  });

  it('explain -o json carries the live view', () => {
    const { view } = buildExplainView(shopSnapshot(), 'web');
    const json = JSON.parse(JSON.stringify(view));
    expect(json.live.pods.map((pod: { name: string; ready: boolean }) => [pod.name, pod.ready])).toEqual([
      ['web-1', true],
      ['web-2', true],
      ['web-3', false],
    ]);
    expect(json.live.proxy.ports[0].chains.cluster).toMatch(/^KUBE-SVC-[A-Z2-7]{16}$/);
  });

  it('explain names an Endpoints object the controller has not written', () => {
    const { view } = buildExplainView(shopSnapshot((object) => object.kind !== 'Endpoints'), 'web');
    expect(view.live.endpoints.differences.map((difference) => difference.kind)).toContain('missing-object');
    expect(renderExplain(view, { color: false })).toMatch(/Endpoints: \d+ differences? from the prediction\n  actual:\n    \(none\)/);
  });

  it('check: one line per Service with status and findings', async () => {
    await expect(renderStatusLines(analyze(shopSnapshot()), { color: false })).toMatchFileSnapshot(golden('check.txt'));
    await expect(renderStatusLines(analyze(shopSnapshot()), { color: false, width: 120 })).toMatchFileSnapshot(golden('check-120.txt'));
  });
});
