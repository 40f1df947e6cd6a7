import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExplainView } from '../../../src/core/live/explain-view.js';
import { buildRouteExplainView } from '../../../src/core/routes/route-chain.js';
import { renderExplain } from '../../../src/render/explain.js';
import { renderRouteExplain } from '../../../src/render/route-view.js';
import { assembleClusterSnapshot } from '../../../src/sources/cluster/cluster-snapshot.js';
import { clusterObjectsFromManifests } from '../../../src/sources/cluster/objects-from-manifests.js';
import { parseManifestText } from '../../../src/sources/manifests/parse-manifests.js';

const fixture = (path: string) => join(import.meta.dirname, '../../fixtures', path);
const golden = (name: string) => join(import.meta.dirname, '../../golden', name);

/** The live shop (Pods, slices, Nodes) with routes in front of it, as a cluster returns them. */
function liveSnapshot() {
  const objects = ['live/shop.yaml', 'routes/live-routes.yaml'].flatMap((path) => parseManifestText(readFileSync(fixture(path), 'utf8'), path).map((parsed) => parsed.value));
  return assembleClusterSnapshot(clusterObjectsFromManifests(objects, 'default'));
}

describe('route views (live)', () => {
  it('explain SERVICE lists who routes to it; a broken hop is marked with its finding', async () => {
    const { view } = buildExplainView(liveSnapshot(), 'web');
    expect(view.routedBy?.map((entry) => [entry.route.kind, entry.position, entry.broken])).toEqual([
      ['Ingress', 'rules[0].http.paths[0] (shop.example.com/)', false],
      ['HTTPRoute', 'rules[0].backendRefs[0]', false],
    ]);
    const text = renderExplain(view, { color: false });
    expect(text).toContain('Routed by:\n  ✓ Ingress shop/shop rules[0].http.paths[0] (shop.example.com/) → port http\n  ✓ HTTPRoute shop/store rules[0].backendRefs[0] → port 80, weight 3 (75%), via Gateway shop/public (http): accepted (controller)');
  });

  it('explain SERVICE without routes read has no Routed by section (and no routedBy in JSON)', () => {
    const snapshot = liveSnapshot();
    delete snapshot.ingresses;
    delete snapshot.gatewayRoutes;
    const { view } = buildExplainView(snapshot, 'web');
    expect(view.routedBy).toBeUndefined();
    expect(renderExplain(view, { color: false })).not.toContain('Routed by');
  });

  it('explain ingress/NAME: each hop, then each backend Service as explain SERVICE shows it (Pods, slices, proxy)', async () => {
    const built = buildRouteExplainView(liveSnapshot(), { kind: 'Ingress', namespace: 'shop', name: 'shop' });
    expect(built).not.toBeNull();
    const { view } = built!;
    expect(view.backends.map((hop) => [hop.position, hop.broken])).toEqual([['rules[0].http.paths[0] (shop.example.com/)', false], ['rules[0].http.paths[1] (shop.example.com/api)', true]]);
    expect(view.backends[1].findings.map((finding) => finding.check)).toEqual(['route-backend-port-missing']);
    expect(view.services.map((service) => [service.service.name, service.live !== undefined])).toEqual([['web', true], ['api', true]]);
    const text = renderRouteExplain(view, { color: false });
    expect(text).toContain('✗ rules[0].http.paths[1] (shop.example.com/api) → Service shop/api port 8080: no such port');
    expect(text).toContain('Service shop/web (NodePort 10.96.123.45)');
    expect(text).toContain('EndpointSlices:');
    await expect(text).toMatchFileSnapshot(golden('explain-ingress-live.txt'));
  });

  it('explain httproute/NAME: the controller\'s Accepted condition on the parent, weights as shares', () => {
    const { view } = buildRouteExplainView(liveSnapshot(), { kind: 'HTTPRoute', namespace: 'shop', name: 'store' })!;
    expect(view.parents).toMatchObject([{ state: 'accepted', condition: { type: 'Accepted', status: 'True' }, broken: false }]);
    expect(view.backends.map((hop) => [hop.service.name, hop.weight, hop.share])).toEqual([['web', 3, 0.75], ['api', 1, 0.25]]);
    expect(renderRouteExplain(view, { color: false })).toContain('✓ spec.parentRefs[0] → Gateway shop/public: accepted by the controller (Accepted)');
  });

  it('null for a route the snapshot does not hold', () => {
    expect(buildRouteExplainView(liveSnapshot(), { kind: 'GRPCRoute', namespace: 'shop', name: 'store' })).toBeNull();
  });
});
