import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import { assembleClusterSnapshot } from '../../../src/sources/cluster/cluster-snapshot.js';
import { clusterObjectsFromManifests } from '../../../src/sources/cluster/objects-from-manifests.js';
import { loadManifests } from '../../../src/sources/manifests/load-manifests.js';
import { parseManifestText } from '../../../src/sources/manifests/parse-manifests.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/checks/manual-endpoints-no-backend');
const ID = 'manual-endpoints-no-backend';

async function messages(file: string): Promise<string[]> {
  const report = analyze(await loadManifests([join(FIXTURES, file)], { defaultNamespace: 'default' }));
  return report.findings.filter((f) => f.check === ID).map((f) => f.message);
}

function liveMessages(file: string, unavailable: string[] = []): string[] {
  const objects = parseManifestText(readFileSync(join(FIXTURES, file), 'utf8'), file).map((parsed) => parsed.value);
  const snapshot = assembleClusterSnapshot(clusterObjectsFromManifests(objects, 'default'));
  for (const resource of unavailable) {
    snapshot.unavailable.push(resource);
    if (resource === 'endpointslices') snapshot.endpointSlices = [];
    if (resource === 'endpoints') snapshot.endpoints = [];
  }
  return analyze(snapshot).findings.filter((f) => f.check === ID).map((f) => f.message);
}

describe('manual-endpoints-no-backend: what kube-proxy makes of hand-written endpoints', () => {
  it('names the endpoint port kube-proxy could not pair, and the name to give it', async () => {
    expect(await messages('fail-unnamed-endpoint-port.yaml')).toEqual([
      'Service default/db has no selector, and kube-proxy has no backend for port pg (5432/TCP) from its hand-written endpoints, so connections to it are refused: Endpoints default/db has the port (unnamed) 5432/TCP, and kube-proxy pairs a Service port only with the endpoint port of the same name and protocol: name the endpoint port pg.',
    ]);
  });

  it('names the protocol, the not-ready addresses, skip-mirror, the other family and a rejected object', async () => {
    expect(await messages('fail-protocol.yaml')).toEqual([expect.stringContaining('EndpointSlice default/dns-1 carries port dns 53/TCP, but the Service port is UDP')]);
    expect(await messages('fail-not-ready.yaml')).toEqual([expect.stringContaining('none of the 2 addresses in Endpoints default/cache is ready')]);
    expect(await messages('fail-skip-mirror.yaml')).toEqual([expect.stringContaining('Endpoints default/api carries endpointslice.kubernetes.io/skip-mirror: "true"')]);
    expect(await messages('fail-other-family.yaml')).toEqual([expect.stringContaining('its endpoints are IPv4 only, and the Service is IPv6')]);
    expect(await messages('fail-rejected-endpoints.yaml')).toEqual([expect.stringContaining('Endpoints default/metadata-proxy would be rejected by the API server (subsets[0].addresses[0].ip "169.254.169.254" may not be in the link-local range')]);
  });

  it('is quiet for endpoints kube-proxy uses (a named or unnamed port, two ports, a slice) and for headless Services', async () => {
    expect(await messages('pass.yaml')).toEqual([]);
  });

  it('on a cluster reads the slices that exist and names the Endpoints a mirrored one copies', () => {
    expect(liveMessages('fail-cluster-port-name.yaml')).toEqual([
      expect.stringContaining('Endpoints default/db (mirrored as EndpointSlice db-x7k2p) has the port postgres 5432/TCP'),
    ]);
    expect(liveMessages('pass-cluster-kubernetes.yaml')).toEqual([]);
  });

  it('without read access to EndpointSlices predicts the mirroring; without both it stays quiet', () => {
    expect(liveMessages('fail-cluster-port-name.yaml', ['endpointslices'])).toEqual([expect.stringContaining('Endpoints default/db has the port postgres 5432/TCP')]);
    expect(liveMessages('fail-cluster-port-name.yaml', ['endpointslices', 'endpoints'])).toEqual([]);
  });
});

describe('invalid-endpoints on a generated object with thousands of bad addresses', () => {
  it('lists the first 10 problems of an object and counts the rest in one more finding', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'svcx-ep-')), 'big.json');
    const addresses = Array.from({ length: 5000 }, (_, i) => ({ ip: `127.0.${i >> 8}.${i & 255}` }));
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'big' }, subsets: [{ addresses, ports: [{ port: 80 }] }] }));
    const report = analyze(await loadManifests([file], { defaultNamespace: 'default' }));
    const messages = report.findings.filter((f) => f.check === 'invalid-endpoints').map((f) => f.message);
    expect(messages).toHaveLength(11);
    expect(messages).toContain('Endpoints default/big would be rejected by the API server: subsets[0].addresses[0].ip "127.0.0.0" may not be in the loopback range (127.0.0.0/8).');
    expect(messages).toContain('Endpoints default/big would be rejected by the API server for 4990 more problems than the 10 listed.');
  });
});
