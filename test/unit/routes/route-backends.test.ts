import { describe, expect, it } from 'vitest';
import { backendWeight, gatewayRouteBackends, ingressBackends, isServiceBackendRef, otherBackendRefs } from '../../../src/core/routes/route-backends.js';
import { ingress, route } from './route-builders.js';

describe('ingressBackends', () => {
  it('turns each rule path and the defaultBackend into a hop in the Ingress namespace', () => {
    const hops = ingressBackends(ingress('shop', {
      rules: [
        { host: 'shop.example.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } }, { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } },
        { http: { paths: [{ backend: { resource: { kind: 'Bucket', name: 'assets' } } }] } },
      ],
      defaultBackend: { service: { name: 'fallback', port: { number: 8080 } } },
    }));
    expect(hops.map(({ position, service, port, host, path }) => ({ position, service, port, host, path }))).toEqual([
      { position: 'rules[0].http.paths[0] (shop.example.com/api)', service: { namespace: 'shop', name: 'api' }, port: { name: 'http' }, host: 'shop.example.com', path: '/api' },
      { position: 'rules[0].http.paths[1] (shop.example.com/)', service: { namespace: 'shop', name: 'web' }, port: { number: 80 }, host: 'shop.example.com', path: '/' },
      { position: 'defaultBackend', service: { namespace: 'shop', name: 'fallback' }, port: { number: 8080 }, host: undefined, path: undefined },
    ]);
    expect(hops[0].location).toEqual({ file: 'routes.yaml', line: 1 });
  });

  it('reads nothing from an Ingress in a removed apiVersion', () => {
    const old = ingress('old', { defaultBackend: { service: { name: 'web', port: { number: 80 } } } });
    old.object.apiVersion = 'extensions/v1beta1';
    expect(ingressBackends(old)).toEqual([]);
  });
});

describe('gatewayRouteBackends', () => {
  const entry = route('HTTPRoute', 'store', {
    parentRefs: [{ name: 'public' }],
    rules: [
      { backendRefs: [{ name: 'v1', port: 80, weight: 90 }, { name: 'v2', port: 80, weight: 10 }] },
      { backendRefs: [{ name: 'other', namespace: 'catalog', port: 8080 }, { group: 'example.com', kind: 'Bucket', name: 'assets' }, { group: 'core', kind: 'Service', name: 'legacy', port: 81, weight: 0 }] },
    ],
  });

  it('defaults namespace to the route, weight to 1, and computes each share of the rule', () => {
    const hops = gatewayRouteBackends(entry);
    expect(hops.map(({ position, service, port, weight, share }) => ({ position, service, port, weight, share }))).toEqual([
      { position: 'rules[0].backendRefs[0]', service: { namespace: 'shop', name: 'v1' }, port: { number: 80 }, weight: 90, share: 0.9 },
      { position: 'rules[0].backendRefs[1]', service: { namespace: 'shop', name: 'v2' }, port: { number: 80 }, weight: 10, share: 0.1 },
      { position: 'rules[1].backendRefs[0]', service: { namespace: 'catalog', name: 'other' }, port: { number: 8080 }, weight: 1, share: 0.5 },
      { position: 'rules[1].backendRefs[2]', service: { namespace: 'shop', name: 'legacy' }, port: { number: 81 }, weight: 0, share: 0 },
    ]);
  });

  it('lists backendRefs of other kinds without following them', () => {
    expect(otherBackendRefs(entry).map(({ position, ref }) => `${position} ${ref.kind}`)).toEqual(['rules[1].backendRefs[1] Bucket']);
  });

  it.each([
    [{}, true],
    [{ group: '', kind: 'Service' }, true],
    [{ group: 'core', kind: 'Service' }, true],
    [{ group: 'multicluster.x-k8s.io', kind: 'ServiceImport' }, false],
    [{ kind: 'Backend' }, false],
  ])('isServiceBackendRef(%j) is %s', (ref, expected) => {
    expect(isServiceBackendRef(ref)).toBe(expected);
  });

  it.each([[undefined, 1], [null, 1], [0, 0], [5, 5]])('weight %s reads as %s', (weight, expected) => {
    expect(backendWeight({ weight })).toBe(expected);
  });
});
