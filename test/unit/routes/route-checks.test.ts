import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import { deployment, service, snapshotOf } from '../builders.js';
import { gateway, grant, ingress, route } from './route-builders.js';

const web = service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }], 'shop');
const app = deployment('web', { app: 'web' }, [{ name: 'web', ports: [{ name: 'http', containerPort: 8080 }] }], { namespace: 'shop' });
const catalog = service('catalog', { app: 'catalog' }, [{ port: 80, targetPort: 8080 }], 'catalog');
const publicGateway = gateway('public', [{ name: 'http', protocol: 'HTTP', port: 80 }]);

function snapshotWith(extra: Partial<Snapshot>, source: Snapshot['source'] = 'manifests'): Snapshot {
  return { ...snapshotOf({ services: [web, catalog], workloads: [app] }), source, gateways: [publicGateway], ...extra };
}

function findings(snapshot: Snapshot, check: string) {
  return analyze(snapshot).findings.filter((finding) => finding.check === check).map((finding) => ({ severity: finding.severity, message: finding.message, object: finding.object.name }));
}

const httpRoute = (refs: object[], extra: object = {}) => route('HTTPRoute', 'store', { parentRefs: [{ name: 'public' }], rules: [{ backendRefs: refs as never }], ...extra });

describe('route checks on plain objects', () => {
  it.each([
    ['a typo of a Service in the namespace', { ingresses: [ingress('shop', { defaultBackend: { service: { name: 'wbe', port: { number: 80 } } } })] }, 'route-backend-service-missing', 'error', /Ingress shop\/shop defaultBackend sends traffic to Service shop\/wbe port 80, which does not exist, so the Ingress controller answers 503 for it\. Similar names in namespace shop: web\./],
    ['a Service of that name in another namespace', { gatewayRoutes: [httpRoute([{ name: 'catalog', port: 80 }])] }, 'route-backend-service-missing', 'error', /A Service catalog exists in namespace catalog \(set the backendRef namespace, and a ReferenceGrant there\)/],
    ['a namespace the input holds nothing of', { gatewayRoutes: [httpRoute([{ name: 'x', namespace: 'elsewhere', port: 80 }])] }, 'route-backend-service-missing', 'info', /the input holds no Service in namespace elsewhere/],
    ['the container port instead of the Service port', { ingresses: [ingress('shop', { defaultBackend: { service: { name: 'web', port: { number: 8080 } } } })] }, 'route-backend-port-missing', 'error', /names port 8080 of Service shop\/web, which has no such port \(Service shop\/web has http 80\/TCP→http\)\. 8080 is where its port 80 \(http\) delivers to on the Pods/],
    ['a look-alike port name', { ingresses: [ingress('shop', { defaultBackend: { service: { name: 'web', port: { name: 'htpp' } } } })] }, 'route-backend-port-missing', 'error', /Did you mean "http"\?/],
    ['a backendRef without port', { gatewayRoutes: [httpRoute([{ name: 'web' }])] }, 'route-backend-port-missing', 'error', /without a port: the Gateway API requires a port for Service backendRefs/],
    ['a cross-namespace backendRef with no grant', { gatewayRoutes: [httpRoute([{ name: 'catalog', namespace: 'catalog', port: 80 }])] }, 'route-backend-not-permitted', 'error', /Add a ReferenceGrant in namespace catalog with from \{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop\}/],
    ['a grant for another Service name', { gatewayRoutes: [httpRoute([{ name: 'catalog', namespace: 'catalog', port: 80 }])], referenceGrants: [grant('g', 'catalog', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }], to: [{ group: '', kind: 'Service', name: 'other' }] })] }, 'route-backend-not-permitted', 'error', /ReferenceGrants in catalog \(g\) do not allow HTTPRoute from namespace shop to Service catalog/],
    ['a route without parentRefs', { gatewayRoutes: [route('HTTPRoute', 'lost', { rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] })] }, 'route-parent-not-accepted', 'warning', /has no spec.parentRefs/],
    ['a look-alike Gateway', { gatewayRoutes: [route('HTTPRoute', 'r', { parentRefs: [{ name: 'pubilc' }] })] }, 'route-parent-not-accepted', 'error', /Gateway shop\/pubilc, which does not exist: the route attaches nowhere through it\. Similar Gateways in namespace shop: public\./],
  ])('%s', (_title, extra, check, severity, message) => {
    const found = findings(snapshotWith(extra as Partial<Snapshot>), check);
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe(severity);
    expect(found[0].message).toMatch(message);
  });

  it.each([
    ['a grant that allows every Service of the namespace', { gatewayRoutes: [httpRoute([{ name: 'catalog', namespace: 'catalog', port: 80 }])], referenceGrants: [grant('g', 'catalog', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }], to: [{ group: '', kind: 'Service' }] })] }, 'route-backend-not-permitted'],
    ['an Ingress naming the port by name', { ingresses: [ingress('shop', { defaultBackend: { service: { name: 'web', port: { name: 'http' } } } })] }, 'route-backend-port-missing'],
    ['a parent that is a mesh Service (GAMMA)', { gatewayRoutes: [route('HTTPRoute', 'mesh', { parentRefs: [{ group: '', kind: 'Service', name: 'web' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] })] }, 'route-parent-not-accepted'],
    ['a backendRef to another kind', { gatewayRoutes: [httpRoute([{ group: 'example.com', kind: 'Bucket', name: 'nope' }])] }, 'route-backend-service-missing'],
  ])('quiet: %s', (_title, extra, check) => {
    expect(findings(snapshotWith(extra as Partial<Snapshot>), check)).toEqual([]);
  });

  it('the controller\'s Accepted condition wins over the prediction, both ways', () => {
    const accepted = route('HTTPRoute', 'a', { parentRefs: [{ name: 'public', sectionName: 'nope' }] }, 'shop', { parents: [{ parentRef: { name: 'public', sectionName: 'nope' }, conditions: [{ type: 'Accepted', status: 'True' }] }] });
    const refused = route('HTTPRoute', 'b', { parentRefs: [{ name: 'public' }] }, 'shop', { parents: [{ parentRef: { name: 'public' }, conditions: [{ type: 'Accepted', status: 'False', reason: 'NotAllowedByListeners' }] }] });
    const found = findings(snapshotWith({ gatewayRoutes: [accepted, refused] }, 'cluster'), 'route-parent-not-accepted');
    expect(found.map((finding) => finding.object)).toEqual(['b']);
    expect(found[0].message).toMatch(/Accepted=False, NotAllowedByListeners/);
  });

  it('a TLSRoute on a Passthrough listener to a cleartext h2c port', () => {
    const grpc = service('grpc', { app: 'web' }, [{ name: 'grpc', port: 9000, appProtocol: 'kubernetes.io/h2c' }], 'shop');
    const tls = gateway('public', [{ name: 'tls', protocol: 'TLS', port: 443, tls: { mode: 'Passthrough' } }]);
    const snapshot = { ...snapshotWith({ gatewayRoutes: [route('TLSRoute', 't', { parentRefs: [{ name: 'public' }], rules: [{ backendRefs: [{ name: 'grpc', port: 9000 }] }] })] }), gateways: [tls] };
    snapshot.services = [...snapshot.services, grpc];
    const found = findings(snapshot, 'route-backend-protocol-mismatch');
    expect(found).toEqual([{ severity: 'warning', object: 't', message: expect.stringMatching(/the listener passes the TLS stream through, so the backend receives TLS, but appProtocol kubernetes.io\/h2c says it speaks cleartext/) }]);
    tls.object.spec!.listeners![0].tls = { mode: 'Terminate' };
    expect(findings(snapshot, 'route-backend-protocol-mismatch')).toEqual([]);
  });

  it('suppressed by the svc-explain/ignore annotation on the route', () => {
    const entry = ingress('shop', { defaultBackend: { service: { name: 'nope', port: { number: 80 } } } });
    entry.object.metadata.annotations = { 'svc-explain/ignore': 'route-backend-service-missing' };
    const [finding] = analyze(snapshotWith({ ingresses: [entry] })).findings.filter((candidate) => candidate.check === 'route-backend-service-missing');
    expect(finding).toMatchObject({ suppressed: true, suppressedBy: 'annotation' });
  });

  it('a removed apiVersion is reported once and its backends are not judged', () => {
    const old = ingress('old', { defaultBackend: { service: { name: 'nope', port: { number: 80 } } } });
    old.object.apiVersion = 'networking.k8s.io/v1beta1';
    const report = analyze(snapshotWith({ ingresses: [old] }));
    expect(report.findings.filter((finding) => finding.object.kind === 'Ingress').map((finding) => finding.check)).toEqual(['ingress-api-version-removed']);
  });

  it('stays quiet about a route kind that could not be read', () => {
    const snapshot = snapshotWith({ ingresses: [ingress('shop', { defaultBackend: { service: { name: 'nope', port: { number: 80 } } } })] }, 'cluster');
    snapshot.unavailable = ['ingresses'];
    expect(findings(snapshot, 'route-backend-service-missing')).toEqual([]);
  });
});
