// Ingresses and the Gateway API kinds read live from the real kube-apiserver with the real Gateway API
// CRDs (sigs.k8s.io/gateway-api, installed by the global setup): every kind across all namespaces and in
// one (with what its routes reach elsewhere), a kind served only at an older version, a 403 on them
// (degraded with a note and nothing more), and a cluster without the CRDs (quiet). The readers run
// in-process with -v request logging, so the requests they cost are counted; the CLI runs from dist/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RbacAuthorizationV1Api, type V1PolicyRule } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleClusterSnapshot } from '../../src/sources/cluster/cluster-snapshot.js';
import { KubeApi } from '../../src/sources/cluster/kube-api.js';
import { readNamespaceObjects, readServiceObjects } from '../../src/sources/cluster/read-cluster.js';
import type { LiveRouteObjects } from '../../src/sources/cluster/read-routes.js';
import type { ClusterObjects } from '../../src/sources/cluster/cluster-snapshot.js';
import { deleteCrds, gatewayCrds, installCrds, type Crd } from './helpers/gateway-api.js';
import { clients, cluster, createNamespace, createService, deleteNamespace, fixture, isNotFound, randomSuffix, runPod, waitFor } from './helpers/k8s.js';
import { readmeRules, without } from './helpers/readme-role.js';
import { startWatch } from './helpers/watch-process.js';
import { createObject, deleteObject, gatewayBody, GATEWAY_GROUP } from './helpers/route-objects.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'kubectl-svc_explain');
const GATEWAY_PLURALS = ['gatewayclasses', 'gateways', 'grpcroutes', 'httproutes', 'referencegrants', 'tcproutes', 'tlsroutes', 'udproutes'];

interface Run { status: number | null; stdout: string; stderr: string }
function run(args: string[], kubeconfig = cluster().kubeconfig): Run {
  const r = spawnSync(process.execPath, [bin, ...args, '--kubeconfig', kubeconfig], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const show = (r: Run) => `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** A reader connection with -v 6, so each request is one line in `requests`. */
async function connect(kubeconfig = cluster().kubeconfig) {
  const requests: string[] = [];
  const api = await KubeApi.connect({ kubeconfig, env: {}, log: { verbosity: 6, write: (line) => { if (/ \d{3} /.test(line)) requests.push(line); } } });
  return { api, requests, routeRequests: () => requests.filter((line) => /networking\.k8s\.io\/v1\/(namespaces\/[^/]+\/)?ingress|gateway\.networking\.k8s\.io/.test(line)) };
}

/** The live readers always fill every route list (empty where not served or forbidden). */
const live = (objects: ClusterObjects) => objects as ClusterObjects & LiveRouteObjects;

const suffix = randomSuffix();
const className = `svcx-${suffix}`;
let f: Awaited<ReturnType<typeof fixture>>;
let ns: string;
let other: string;
const names = (items: { kind?: string; metadata: { namespace?: string; name?: string } }[]) => items.map((x) => `${x.kind} ${x.metadata.namespace ? `${x.metadata.namespace}/` : ''}${x.metadata.name}`).sort();

const tcpRoute = () => ({ kind: 'TCPRoute', metadata: { name: 'tcp' }, spec: { parentRefs: [{ name: 'local', sectionName: 'tcp' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } });

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before this suite');
  f = await fixture('routes', { nodes: [{ zone: 'zone-a' }] });
  ns = f.namespace;
  other = await createNamespace('routes-other');
  await runPod(ns, 'web-1', { labels: { app: 'web' }, node: f.nodes[0], ip: '10.244.90.1', ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 5353, protocol: 'UDP' }] });
  await createService(ns, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }, { name: 'dns', port: 5353, protocol: 'UDP', targetPort: 5353 as never }] });
  await createService(other, 'api', { selector: { app: 'api' }, ports: [{ name: 'http', port: 8080 }] });

  await createObject('ingressclasses', null, { kind: 'IngressClass', metadata: { name: className }, spec: { controller: 'example.invalid/ingress-controller' } });
  await createObject('ingresses', ns, {
    kind: 'Ingress', metadata: { name: 'shop' },
    spec: {
      ingressClassName: className, defaultBackend: { service: { name: 'web', port: { number: 80 } } },
      rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }],
    },
  });
  await createObject('gatewayclasses', null, { kind: 'GatewayClass', metadata: { name: className }, spec: { controllerName: 'example.invalid/gateway-controller' } });
  await createObject('gateways', ns, gatewayBody('local', className, [
    { name: 'tls', port: 443, protocol: 'TLS', hostname: 'tls.example.com', tls: { mode: 'Passthrough' } },
    { name: 'tcp', port: 9000, protocol: 'TCP' },
    { name: 'udp', port: 5353, protocol: 'UDP' },
  ]));
  await createObject('gateways', other, gatewayBody('shared', className));
  await createObject('httproutes', ns, {
    kind: 'HTTPRoute', metadata: { name: 'web' },
    spec: { parentRefs: [{ name: 'shared', namespace: other }], hostnames: ['shop.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80, weight: 3 }, { name: 'api', namespace: other, port: 8080, weight: 1 }] }] },
  });
  await createObject('grpcroutes', ns, { kind: 'GRPCRoute', metadata: { name: 'grpc' }, spec: { parentRefs: [{ name: 'local', sectionName: 'http' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } });
  await createObject('tlsroutes', ns, { kind: 'TLSRoute', metadata: { name: 'tls' }, spec: { parentRefs: [{ name: 'local', sectionName: 'tls' }], hostnames: ['tls.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } });
  await createObject('tcproutes', ns, tcpRoute());
  await createObject('udproutes', ns, { kind: 'UDPRoute', metadata: { name: 'udp' }, spec: { parentRefs: [{ name: 'local', sectionName: 'udp' }], rules: [{ backendRefs: [{ name: 'web', port: 5353 }] }] } });
  // Grants: other may route to web here; this namespace may route to any Service in other.
  await createObject('referencegrants', ns, { kind: 'ReferenceGrant', metadata: { name: 'from-other' }, spec: { from: [{ group: GATEWAY_GROUP, kind: 'HTTPRoute', namespace: other }], to: [{ group: '', kind: 'Service', name: 'web' }] } });
  await createObject('referencegrants', other, { kind: 'ReferenceGrant', metadata: { name: 'from-routes' }, spec: { from: [{ group: GATEWAY_GROUP, kind: 'HTTPRoute', namespace: ns }], to: [{ group: '', kind: 'Service' }] } });
  await createObject('httproutes', other, { kind: 'HTTPRoute', metadata: { name: 'into-routes' }, spec: { parentRefs: [{ name: 'shared' }], rules: [{ backendRefs: [{ name: 'web', namespace: ns, port: 80 }] }] } });
  await createObject('httproutes', other, { kind: 'HTTPRoute', metadata: { name: 'unrelated' }, spec: { parentRefs: [{ name: 'shared' }], rules: [{ backendRefs: [{ name: 'api', port: 8080 }] }] } });
});

afterAll(async () => {
  await grant(null).catch(() => {});
  await deleteObject('ingressclasses', null, className).catch(() => {});
  await deleteObject('gatewayclasses', null, className).catch(() => {});
  await deleteNamespace(other).catch(() => {});
  await f?.cleanup();
});

const HERE = () => ['GRPCRoute', 'HTTPRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute'].map((kind) => `${kind} ${ns}/${{ GRPCRoute: 'grpc', HTTPRoute: 'web', TCPRoute: 'tcp', TLSRoute: 'tls', UDPRoute: 'udp' }[kind]}`);

describe('routes read live', () => {
  it('check -A: every kind in every namespace, each at v1, for 12 requests', async () => {
    const { api, routeRequests } = await connect();
    const objects = await readNamespaceObjects(api, null);
    const routes = live(objects);
    expect(objects.forbidden).toEqual([]);
    expect(names(routes.ingresses)).toContain(`Ingress ${ns}/shop`);
    expect(names(routes.ingressClasses)).toContain(`IngressClass ${className}`);
    expect(names(routes.gatewayClasses)).toContain(`GatewayClass ${className}`);
    expect(names(routes.gateways)).toEqual(expect.arrayContaining([`Gateway ${ns}/local`, `Gateway ${other}/shared`]));
    const mine = names(routes.gatewayRoutes).filter((x) => x.includes(ns) || x.includes(other));
    expect(mine).toEqual([...HERE(), `HTTPRoute ${other}/into-routes`, `HTTPRoute ${other}/unrelated`].sort());
    expect(names(routes.referenceGrants)).toEqual(expect.arrayContaining([`ReferenceGrant ${ns}/from-other`, `ReferenceGrant ${other}/from-routes`]));
    expect(new Set([...routes.gateways, ...routes.gatewayRoutes, ...routes.referenceGrants, ...routes.gatewayClasses].map((x) => x.apiVersion))).toEqual(new Set([`${GATEWAY_GROUP}/v1`]));
    expect(routes.ingresses.find((x) => x.metadata.name === 'shop')?.spec?.rules?.[0]?.http?.paths?.[0]?.backend.service).toEqual({ name: 'web', port: { name: 'http' } });
    // Ingresses + IngressClasses, the group, its preferred version (v1 serves every kind), 8 lists.
    expect(routeRequests(), routeRequests().join('\n')).toHaveLength(12);

    const snapshot = assembleClusterSnapshot(objects);
    expect(snapshot.gatewayRoutes!.filter((x) => x.ref.namespace === ns).map((x) => `${x.ref.kind} ${x.ref.namespace}/${x.ref.name}`).sort()).toEqual(HERE());
    expect(snapshot.ingresses!.find((x) => x.ref.name === 'shop')?.ref).toEqual({ kind: 'Ingress', namespace: ns, name: 'shop' });
    expect(snapshot.unavailable).toEqual([]);
  });

  it('-n: the namespace, plus the Gateway its route attaches to elsewhere and the grants where it sends traffic', async () => {
    const { api, routeRequests } = await connect();
    const routes = live(await readNamespaceObjects(api, ns));
    expect(names(routes.ingresses)).toEqual([`Ingress ${ns}/shop`]);
    expect(names(routes.gatewayRoutes)).toEqual(HERE());
    expect(names(routes.gateways)).toEqual([`Gateway ${ns}/local`, `Gateway ${other}/shared`]);
    expect(names(routes.referenceGrants)).toEqual([`ReferenceGrant ${ns}/from-other`, `ReferenceGrant ${other}/from-routes`]);
    expect(names(routes.gatewayClasses)).toContain(`GatewayClass ${className}`);
    // 12 as above, one GET of Gateway shared, one list of the grants in the other namespace.
    expect(routeRequests(), routeRequests().join('\n')).toHaveLength(14);
  });

  it('explain SERVICE: also the routes of namespaces that a grant here lets send to it, and their Gateway', async () => {
    const { api, routeRequests } = await connect();
    const routes = live(await readServiceObjects(api, ns, 'web'));
    expect(names(routes.gatewayRoutes)).toEqual([...HERE(), `HTTPRoute ${other}/into-routes`].sort());
    expect(names(routes.gateways)).toEqual([`Gateway ${ns}/local`, `Gateway ${other}/shared`]);
    // 12 as for check, the HTTPRoutes of the granted namespace, Gateway shared, the grants where HTTPRoute web sends.
    expect(routeRequests(), routeRequests().join('\n')).toHaveLength(15);
    const without = await connect();
    await readServiceObjects(without.api, ns, 'web', { routes: false });
    expect(without.routeRequests()).toEqual([]);
  });

  it('no route check fires on these valid objects, in -n (their references elsewhere read) nor in -A', () => {
    for (const scope of [['-n', ns], ['-A']]) {
      const c = run(['check', ...scope, '-o', 'json']);
      expect([0, 1], show(c)).toContain(c.status);
      const report = JSON.parse(c.stdout) as { findings: { check: string; severity: string; object: { namespace: string; name: string }; message: string }[] };
      const mine = report.findings.filter((x) => /^(route|ingress)-/.test(x.check) && [ns, other].includes(x.object.namespace));
      // -A also reads Service api of the other namespace, which has no Pod: HTTPRoute web sends it a quarter
      // of its requests (warning), HTTPRoute unrelated all of them (error). True, and not judged from -n.
      const expected = scope[0] === '-A' ? [`route-weight-to-empty-service ${other}/unrelated error`, `route-weight-to-empty-service ${ns}/web warning`] : [];
      expect(mine.map((x) => `${x.check} ${x.object.namespace}/${x.object.name} ${x.severity}`).sort(), JSON.stringify(mine, null, 1)).toEqual(expected.sort());
    }
  });

  it('a kind served only at v1alpha2 (an older bundle) is read there, the others at v1', async () => {
    const tcp = gatewayCrds('experimental').find((crd) => crd.spec.names.plural === 'tcproutes')!;
    const old: Crd = { ...tcp, spec: { ...tcp.spec, versions: tcp.spec.versions.filter((v) => v.name === 'v1alpha2').map((v) => ({ ...v, served: true, storage: true })) } };
    await deleteCrds(cluster(), [tcp]);
    try {
      await installCrds(cluster(), [old]);
      await createObject('tcproutes', ns, tcpRoute(), 'v1alpha2');
      const { api, routeRequests } = await connect();
      const routes = live(await readNamespaceObjects(api, ns));
      expect(routes.gatewayRoutes.map((x) => `${x.apiVersion} ${x.kind} ${x.metadata.name}`).sort()).toEqual([
        `${GATEWAY_GROUP}/v1 GRPCRoute grpc`, `${GATEWAY_GROUP}/v1 HTTPRoute web`, `${GATEWAY_GROUP}/v1 TLSRoute tls`, `${GATEWAY_GROUP}/v1 UDPRoute udp`, `${GATEWAY_GROUP}/v1alpha2 TCPRoute tcp`,
      ]);
      // v1 first (preferred), then v1beta1 (serves no kind left), then v1alpha2: 2 more discovery requests than above.
      expect(routeRequests().filter((line) => /gateway\.networking\.k8s\.io\/v1(beta1|alpha2)? /.test(line)), routeRequests().join('\n')).toHaveLength(3);
      expect(routeRequests()).toHaveLength(16);
    } finally {
      await deleteCrds(cluster(), [old]);
      await installCrds(cluster(), [tcp]);
      await createObject('tcproutes', ns, tcpRoute());
    }
  });
});

const rbac = () => clients().kc.makeApiClient(RbacAuthorizationV1Api);
const roleName = `svc-explain-routes-${suffix}`;

/** Make `viewer` hold exactly `rules` cluster-wide (null: nothing), or (namespace given) in one namespace only. */
async function grant(rules: V1PolicyRule[] | null, namespace?: string): Promise<void> {
  const api = rbac();
  await api.deleteClusterRoleBinding({ name: roleName }).catch((e) => { if (!isNotFound(e)) throw e; });
  await api.deleteClusterRole({ name: roleName }).catch((e) => { if (!isNotFound(e)) throw e; });
  await api.deleteNamespacedRoleBinding({ name: roleName, namespace: ns }).catch((e) => { if (!isNotFound(e)) throw e; });
  await api.deleteNamespacedRole({ name: roleName, namespace: ns }).catch((e) => { if (!isNotFound(e)) throw e; });
  if (!rules) return;
  const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: namespace ? 'Role' : 'ClusterRole', name: roleName };
  const subjects = [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'viewer' }];
  if (namespace) {
    await api.createNamespacedRole({ namespace, body: { metadata: { name: roleName }, rules } });
    await api.createNamespacedRoleBinding({ namespace, body: { metadata: { name: roleName }, roleRef, subjects } });
  } else {
    await api.createClusterRole({ body: { metadata: { name: roleName }, rules } });
    await api.createClusterRoleBinding({ body: { metadata: { name: roleName }, roleRef, subjects } });
  }
}

/** RBAC reaches the authorizer through an informer: read as viewer until `forbidden` is what is expected. */
async function readAsViewer(expected: (forbidden: string[]) => boolean) {
  let last: string[] = [];
  return waitFor(async () => {
    const { api } = await connect(cluster().viewerKubeconfig);
    const objects = await readNamespaceObjects(api, ns).catch(() => null);
    last = objects?.forbidden ?? ['(services or pods refused)'];
    return objects && expected(objects.forbidden) ? objects : null;
  }, { timeoutMs: 20_000, intervalMs: 500, what: `viewer's forbidden resources (last: ${last.join(', ')})` });
}

const noteOf = (resource: string) => `${resource} could not be read; checks that need them were skipped`;

describe('routes without permission', () => {
  const readme = readmeRules();

  it('with the README role: everything read, no note', async () => {
    await grant(readme);
    const objects = await readAsViewer((forbidden) => forbidden.length === 0);
    expect(names(objects.gatewayRoutes!)).toEqual(HERE());
    const c = run(['check', '-n', ns, '-o', 'json'], cluster().viewerKubeconfig);
    expect([0, 1], show(c)).toContain(c.status);
    expect(JSON.parse(c.stdout).notes, show(c)).toEqual([]);
  });

  it('403 on the Gateway API kinds: a note for each of them and nothing else missing', async () => {
    await grant(readme.filter((rule) => rule.apiGroups?.[0] !== GATEWAY_GROUP));
    const objects = await readAsViewer((forbidden) => forbidden.length > 0);
    expect(objects.forbidden).toEqual(GATEWAY_PLURALS);
    expect(names(objects.ingresses!)).toEqual([`Ingress ${ns}/shop`]);
    expect(objects.gatewayRoutes!).toEqual([]);
    expect(objects.services.map((s) => s.metadata.name)).toEqual(['web']);
    const c = run(['check', '-n', ns, '-o', 'json'], cluster().viewerKubeconfig);
    expect([0, 1], show(c)).toContain(c.status);
    expect(c.stderr, show(c)).toBe('');
    expect(JSON.parse(c.stdout).notes, show(c)).toEqual(GATEWAY_PLURALS.map(noteOf));
  });

  it('403 on Ingresses only: that note alone', async () => {
    await grant(without(readme, 'ingresses'));
    const objects = await readAsViewer((forbidden) => forbidden.length > 0);
    expect(objects.forbidden).toEqual(['ingresses']);
    expect(names(objects.gatewayRoutes!)).toEqual(HERE());
    const e = run(['explain', 'web', '-n', ns], cluster().viewerKubeconfig);
    expect(e.status, show(e)).toBe(0);
    expect(e.stdout).toContain('ingresses could not be read');
  });

  it('a namespaced Role with the route kinds: the classes and what lies in other namespaces are forbidden, the rest is read', async () => {
    await grant(null);
    await grant([
      { apiGroups: [''], resources: ['pods', 'services', 'endpoints'], verbs: ['get', 'list'] },
      { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'ingressclasses'], verbs: ['get', 'list'] },
      { apiGroups: [GATEWAY_GROUP], resources: GATEWAY_PLURALS, verbs: ['get', 'list'] },
    ], ns);
    const objects = await readAsViewer((forbidden) => forbidden.includes('pods') === false && forbidden.includes('ingressclasses'));
    // Cluster-scoped classes need a ClusterRole; Gateway shared and the grants of the other namespace lie outside the Role.
    expect(objects.forbidden.filter((x) => GATEWAY_PLURALS.includes(x) || x.startsWith('ingress'))).toEqual(['gatewayclasses', 'gateways', 'ingressclasses', 'referencegrants']);
    expect(names(objects.gatewayRoutes!)).toEqual(HERE());
    expect(names(objects.gateways!)).toEqual([`Gateway ${ns}/local`]);
    expect(names(objects.ingresses!)).toEqual([`Ingress ${ns}/shop`]);
  });
});

describe('routes under --watch', () => {
  it('explain --watch opens a watch on the Ingresses and every served Gateway API kind of the namespace', async () => {
    await grant(null);
    const watch = startWatch(['explain', 'web', '-n', ns, '-v', '6'], cluster().kubeconfig);
    try {
      const plurals = ['ingresses', 'gateways', 'httproutes', 'grpcroutes', 'tlsroutes', 'tcproutes', 'udproutes', 'referencegrants'];
      const watched = () => plurals.filter((plural) => new RegExp(`GET \\S+/namespaces/${ns}/${plural}\\?\\S*watch=1\\S* 200 `).test(watch.stderr()));
      await waitFor(() => watch.blocks().length > 0 && watched().length === plurals.length, { timeoutMs: 30_000, what: `watches of ${plurals.join(', ')} (open: ${watched().join(', ')})` });
      expect(watch.blocks()[0]).toContain('web-1');
    } finally {
      const end = await watch.interrupt();
      expect(end.status, end.stderr).toBe(0);
    }
  });
});

describe('a cluster without the Gateway API CRDs', () => {
  it('reads nothing of them and says nothing, for 3 requests; the CRDs come back after', async () => {
    const crds = gatewayCrds('experimental');
    await grant(null);
    await deleteCrds(cluster(), crds, { wholeGroup: true });
    try {
      const { api, routeRequests } = await connect();
      const objects = await readNamespaceObjects(api, ns);
      expect(objects.forbidden).toEqual([]);
      expect(objects.gatewayRoutes!).toEqual([]);
      expect(objects.gateways!).toEqual([]);
      expect(names(objects.ingresses!)).toEqual([`Ingress ${ns}/shop`]);
      // Ingresses, IngressClasses, and the group's 404.
      expect(routeRequests(), routeRequests().join('\n')).toHaveLength(3);
      const c = run(['check', '-n', ns, '-o', 'json']);
      expect([0, 1], show(c)).toContain(c.status);
      expect(JSON.parse(c.stdout).notes, show(c)).toEqual([]);
      const e = run(['explain', 'web', '-n', ns]);
      expect(e.status, show(e)).toBe(0);
      expect(e.stdout).not.toMatch(/could not be read/);
    } finally {
      const start = Date.now();
      await installCrds(cluster(), crds);
      console.error(`[gateway-api] CRDs reinstalled and served in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    }
  });
});
