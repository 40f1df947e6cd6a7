import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, runCli } from './run-cli.js';

/** Relative to the CLI's working directory (test/cli/fixtures), so file:line in the goldens is the same on every machine. */
const SHOP = '../../fixtures/routes/shop.yaml';
const explain = (...args: string[]) => runCli(['explain', '-f', SHOP, '-n', 'shop', '--no-color', ...args]);

describe('explain ingress/NAME and httproute/NAME (offline, as a process)', () => {
  beforeAll(() => buildOnce(), 120_000);

  it('an Ingress: each path and the defaultBackend to its Service port, the broken hop marked; exit 1', () => {
    const r = explain('ingress/shop');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('✓ rules[0].http.paths[0] (shop.example.com/) → Service shop/web port http → http 80/TCP → targetPort http');
    expect(r.stdout).toContain('✗ defaultBackend → Service shop/wbe port 80: no such Service');
    expect(r.stdout).toMatch(/route-backend-service-missing: Ingress shop\/shop defaultBackend\s+sends traffic/);
    expect(r.stdout).toContain('Deployment web → 8080 (container web)');
  });

  it('an HTTPRoute: parents with the listener that takes it, weights, each broken hop', () => {
    const r = explain('httproute/store');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('✓ spec.parentRefs[0] → Gateway shop/public: taken by listener http (HTTP 80 *.example.com)');
    expect(r.stdout).toContain('✗ spec.parentRefs[1] → Gateway shop/public listener https: Gateway shop/public has no listener named "https"');
    expect(r.stdout).toContain('✓ rules[0].backendRefs[0] → Service shop/web port 80 (weight 90, 90%) → http 80/TCP → targetPort http');
    expect(r.stdout).toContain('✗ rules[0].backendRefs[1] → Service shop/web-canary port 80 (weight 10, 10%)');
    expect(r.stdout).toContain('✗ rules[1].backendRefs[0] → Service shop/web port 8080 (weight 1, 100%): no such port');
  });

  it('golden output, text and JSON', async () => {
    const text = explain('httproute/store');
    const json = explain('httproute/store', '-o', 'json');
    expect([text.code, json.code, text.stderr, json.stderr]).toEqual([1, 1, '', '']);
    await expect(text.stdout).toMatchFileSnapshot('../golden/explain-httproute.txt');
    await expect(json.stdout).toMatchFileSnapshot('../golden/explain-httproute.json');
    await expect(explain('ingress/shop').stdout).toMatchFileSnapshot('../golden/explain-ingress.txt');
  });

  it('JSON carries the hops, parents and backend Services', () => {
    const view = JSON.parse(explain('httproute/store', '-o', 'json').stdout);
    expect(view.route).toMatchObject({ kind: 'HTTPRoute', namespace: 'shop', name: 'store', location: { line: 83 } });
    expect(view.parents.map((parent: { state: string; broken: boolean }) => [parent.state, parent.broken])).toEqual([['accepted', false], ['rejected', true]]);
    expect(view.backends.map((hop: { position: string; broken: boolean; weight: number }) => [hop.position, hop.weight, hop.broken])).toEqual([
      ['rules[0].backendRefs[0]', 90, false],
      ['rules[0].backendRefs[1]', 10, true],
      ['rules[1].backendRefs[0]', 1, true],
    ]);
    expect(view.backends[2]).toMatchObject({ serviceFound: true, servicePort: null, findings: [{ check: 'route-backend-port-missing' }] });
    expect(view.services.map((service: { service: { name: string } }) => service.service.name)).toEqual(['web', 'web-canary']);
  });

  it('a route without broken hops exits 0; -o yaml and -o name', () => {
    expect(explain('httproute/clean').code).toBe(0);
    expect(explain('httproute/clean', '-o', 'yaml').stdout).toMatch(/^route:\n {2}kind: HTTPRoute/);
    expect(explain('httproutes/clean', '-o', 'name').stdout).toBe('httproute.gateway.networking.k8s.io/clean\n');
    expect(explain('ing/shop', '-o', 'name').stdout).toBe('ingress.networking.k8s.io/shop\n');
  });

  it.each(['ing/shop', 'ingresses/shop', 'Ingress/shop', 'ingresses.networking.k8s.io/shop'])('accepts kubectl\'s form %s', (form) => {
    expect(explain(form).stdout).toContain('Ingress shop/shop (class nginx)');
  });

  it.each([
    [['httproute/nope'], 4, 'svc-explain: HTTPRoute "nope" not found in namespace "shop" of the manifests\n'],
    [['configmap/x'], 2, /explain takes a Service, ingress\/NAME or a Gateway route/],
    [['httproute/store', '--watch'], 2, /--watch follows a Service/],
  ])('%j exits %i with one line', (args, code, message) => {
    const r = explain(...args);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('-f with a Service is a usage error that says what to use', () => {
    const r = runCli(['explain', '-f', SHOP, 'web']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/-f explains routes .*for Services on manifests use lint/);
  });

  it('escapes control characters from the input (a hostname carrying an escape sequence)', () => {
    const hostile = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: evil, namespace: shop}\nspec:\n  hostnames: ["a\\u001b[2J.example.com"]\n  parentRefs: [{name: gw}]\n';
    const r = runCli(['explain', '-f', '-', 'httproute/evil', '-n', 'shop', '--no-color'], { input: hostile });
    expect(r.stdout).toContain('Hostnames: a\\x1b[2J.example.com');
    expect(r.stdout).not.toContain('\u001b');
  });
});
