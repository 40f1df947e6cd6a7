import { describe, expect, it } from 'vitest';
import { hostnamesIntersect } from '../../../src/core/routes/hostnames.js';
import { resolveParents } from '../../../src/core/routes/route-parents.js';
import { emptySnapshot } from '../../../src/core/snapshot.js';
import type { GatewayListener } from '../../../src/core/routes/types.js';
import { gateway, route } from './route-builders.js';

describe('hostnamesIntersect (Gateway API: "*." is a suffix match over one or more labels)', () => {
  it.each([
    ['shop.example.com', 'shop.example.com', true],
    ['Shop.Example.com', 'shop.example.com', true],
    ['*.example.com', 'shop.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', '*.shop.example.com', true],
    ['*.example.com', '*.example.org', false],
    ['shop.example.com', 'shop.example.org', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(hostnamesIntersect(a, b)).toBe(expected);
    expect(hostnamesIntersect(b, a)).toBe(expected);
  });
});

describe('resolveParents', () => {
  const http: GatewayListener = { name: 'http', protocol: 'HTTP', port: 80 };
  const tls: GatewayListener = { name: 'tls', protocol: 'TLS', port: 443, hostname: '*.example.com', tls: { mode: 'Passthrough' } };
  const shared: GatewayListener = { name: 'shared', protocol: 'HTTP', port: 8080, allowedRoutes: { namespaces: { from: 'All' } } };
  const picky: GatewayListener = { name: 'picky', protocol: 'HTTP', port: 8081, allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'shop' } } } } };
  const kinds: GatewayListener = { name: 'grpc-only', protocol: 'HTTPS', port: 8443, allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } };

  function verdictsFor(kind: string, parentRefs: object[], options: { hostnames?: string[]; namespace?: string; namespaces?: Record<string, string> } = {}) {
    const snapshot = emptySnapshot('manifests');
    snapshot.gateways = [gateway('public', [http, tls, shared, picky, kinds], 'infra')];
    for (const [name, team] of Object.entries(options.namespaces ?? {})) snapshot.namespaces.push({ object: { metadata: { name, labels: { team } } }, ref: { kind: 'Namespace', namespace: '', name } });
    const entry = route(kind, 'r', { parentRefs: parentRefs as never, ...(options.hostnames ? { hostnames: options.hostnames } : {}) }, options.namespace ?? 'infra');
    return resolveParents(snapshot, entry).map((verdict) => ({ state: verdict.state, accepted: verdict.listeners.filter((listener) => listener.accepts).map((listener) => listener.name), problem: verdict.problem }));
  }

  it.each([
    ['HTTPRoute on every HTTP listener that admits its namespace', 'HTTPRoute', [{ name: 'public' }], {}, 'accepted', ['http', 'shared']],
    ['sectionName picks one listener', 'HTTPRoute', [{ name: 'public', sectionName: 'shared' }], {}, 'accepted', ['shared']],
    ['port picks listeners on that port', 'HTTPRoute', [{ name: 'public', port: 8080 }], {}, 'accepted', ['shared']],
    ['TLSRoute on the TLS listener when a hostname intersects', 'TLSRoute', [{ name: 'public', sectionName: 'tls' }], { hostnames: ['db.example.com'] }, 'accepted', ['tls']],
    ['from another namespace only the All listener', 'HTTPRoute', [{ name: 'public', namespace: 'infra' }], { namespace: 'shop' }, 'accepted', ['shared']],
    ['the Selector listener when the Namespace labels match', 'HTTPRoute', [{ name: 'public', namespace: 'infra', sectionName: 'picky' }], { namespace: 'shop', namespaces: { shop: 'shop' } }, 'accepted', ['picky']],
    ['GRPCRoute on the listener whose kinds name it', 'GRPCRoute', [{ name: 'public', sectionName: 'grpc-only' }], {}, 'accepted', ['grpc-only']],
  ])('%s', (_title, kind, refs, options, state, accepted) => {
    expect(verdictsFor(kind, refs, options)).toMatchObject([{ state, accepted }]);
  });

  it.each([
    ['no listener of that name', 'HTTPRoute', [{ name: 'public', sectionName: 'https' }], {}, /has no listener named "https" \(its listeners: http \(HTTP 80\), tls/],
    ['a listener of another protocol', 'TCPRoute', [{ name: 'public', sectionName: 'http' }], {}, /protocol HTTP takes HTTPRoute and GRPCRoute, not TCPRoute/],
    ['allowedRoutes.kinds without the kind', 'HTTPRoute', [{ name: 'public', sectionName: 'grpc-only' }], {}, /allowedRoutes.kinds is GRPCRoute, not HTTPRoute/],
    ['Same namespace only', 'HTTPRoute', [{ name: 'public', namespace: 'infra', sectionName: 'http' }], { namespace: 'shop' }, /namespaces.from is Same \(namespace infra\), the route is in shop/],
    ['a selector the Namespace labels do not match', 'HTTPRoute', [{ name: 'public', namespace: 'infra', sectionName: 'picky' }], { namespace: 'shop', namespaces: { shop: 'other' } }, /selector does not select namespace shop/],
    ['no hostname in common', 'TLSRoute', [{ name: 'public', sectionName: 'tls' }], { hostnames: ['db.example.org'] }, /hostname \*\.example\.com matches none of the route's hostnames \(db\.example\.org\)/],
  ])('rejected: %s', (_title, kind, refs, options, problem) => {
    const [verdict] = verdictsFor(kind, refs, options);
    expect(verdict.state).toBe('rejected');
    expect(verdict.problem).toMatch(problem);
  });

  it('cannot tell for a namespace selector when the Namespace is not in the input', () => {
    expect(verdictsFor('HTTPRoute', [{ name: 'public', namespace: 'infra', sectionName: 'picky' }], { namespace: 'shop' })).toMatchObject([{ state: 'unknown' }]);
  });

  it('a missing Gateway, and a parent that is no Gateway', () => {
    expect(verdictsFor('HTTPRoute', [{ name: 'private' }, { group: '', kind: 'Service', name: 'mesh' }]).map((verdict) => verdict.state)).toEqual(['gateway-missing', 'not-gateway']);
  });
});
