// The README's minimal ClusterRole ("Cluster access") bound to user `viewer`: explain and check work
// with exactly that role; with nodes or endpointslices taken away the output degrades with a note and
// no crash; with no role at all the CLI fails with a clear one-line error (exit 3).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RbacAuthorizationV1Api, type V1PolicyRule } from '@kubernetes/client-node';
import { readmeRules, without } from './helpers/readme-role.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cluster, clients, createService, fixture, isNotFound, randomSuffix, runPod, waitFor, waitForSlices } from './helpers/k8s.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'kubectl-svc_explain');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
function asViewer(args: string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args, '--kubeconfig', cluster().viewerKubeconfig], {
    encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const show = (r: Run) => `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

const rbac = () => clients().kc.makeApiClient(RbacAuthorizationV1Api);
const suffix = randomSuffix();
const roleName = `svc-explain-reader-${suffix}`;
const bindingName = `svc-explain-viewer-${suffix}`;

/** Make `viewer` hold exactly `rules` (cluster-wide), or nothing when null. */
async function grant(rules: V1PolicyRule[] | null): Promise<void> {
  const api = rbac();
  await api.deleteClusterRoleBinding({ name: bindingName }).catch((e) => { if (!isNotFound(e)) throw e; });
  await api.deleteClusterRole({ name: roleName }).catch((e) => { if (!isNotFound(e)) throw e; });
  if (!rules) return;
  await api.createClusterRole({ body: { metadata: { name: roleName }, rules } });
  await api.createClusterRoleBinding({
    body: {
      metadata: { name: bindingName },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'viewer' }],
    },
  });
}

const developerRole = `developer-${suffix}`;
let developerNamespace: string | null = null;

/** A typical developer's namespaced Role: read the namespace's own objects, nothing cluster-scoped. */
async function grantDeveloper(namespace: string | null): Promise<void> {
  const api = rbac();
  if (developerNamespace) {
    await api.deleteNamespacedRoleBinding({ name: developerRole, namespace: developerNamespace }).catch((e) => { if (!isNotFound(e)) throw e; });
    await api.deleteNamespacedRole({ name: developerRole, namespace: developerNamespace }).catch((e) => { if (!isNotFound(e)) throw e; });
    developerNamespace = null;
  }
  if (!namespace) return;
  const rules = [
    { apiGroups: [''], resources: ['pods', 'services', 'endpoints', 'replicationcontrollers'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
  ];
  await api.createNamespacedRole({ namespace, body: { metadata: { name: developerRole }, rules } });
  await api.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name: developerRole },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: developerRole },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'viewer' }],
    },
  });
  developerNamespace = namespace;
}

/** RBAC changes reach the authorizer through an informer: poll until `viewer` sees the expected answer. */
async function until(args: string[], check: (r: Run) => void): Promise<Run> {
  let last: Run | undefined;
  return waitFor(() => {
    last = asViewer(args);
    check(last);
    return last;
  }, { timeoutMs: 20_000, intervalMs: 500, what: `viewer: ${args.join(' ')}` }).catch((e) => {
    if (last) (e as Error).message += `\n${show(last)}`;
    throw e;
  });
}

/**
 * Without Nodes only zones and per-node parts are unknown: the actual slices are read and used, the
 * Pods' Node is "unknown" (not missing), and kube-proxy's 2 backends at 50 % are shown as they are.
 */
function expectNodesOnlyUnknown(r: Run): void {
  expect(r.stdout, show(r)).toMatch(/EndpointSlices: as predicted/);
  expect(r.stdout).not.toMatch(/EndpointSlices: could not be read/);
  expect(r.stdout).toMatch(/web-1 .*\(Node unknown\)/);
  expect(r.stdout).not.toMatch(/no such Node|node-not-found|REJECT/);
  expect(r.stdout.match(/ 50\.0% {2}10\.244\.78\.[12]:8080/g), show(r)).toHaveLength(2);
  const json = asViewer(['explain', 'web', '-n', ns, '-o', 'json']);
  const view = JSON.parse(json.stdout);
  expect(view.live.proxySource).toBe('actual');
  expect(view.live.nodesUnknown).toBe(true);
  expect(view.live.pods.map((p: { nodeStatus: string }) => p.nodeStatus)).toEqual(['unknown', 'unknown']);
}

let f: Awaited<ReturnType<typeof fixture>>;
let ns: string;
const readme = readmeRules();

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before this suite');
  f = await fixture('rbac', { nodes: [{ zone: 'zone-a' }] });
  ns = f.namespace;
  await runPod(ns, 'web-1', { labels: { app: 'web' }, node: f.nodes[0], ip: '10.244.78.1', ports: [{ name: 'http', containerPort: 8080 }] });
  await runPod(ns, 'web-2', { labels: { app: 'web' }, node: f.nodes[0], ip: '10.244.78.2', ports: [{ name: 'http', containerPort: 8080 }] });
  await createService(ns, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
  await createService(ns, 'web-typo', { selector: { app: 'wbe' }, ports: [{ port: 80 }] });
  await waitForSlices(ns, 'web', (s) => expect(s.flatMap((x) => x.endpoints)).toHaveLength(2));
});
afterAll(async () => {
  await grant(null).catch(() => {});
  await grantDeveloper(null).catch(() => {});
  await f?.cleanup();
});

describe('README minimal ClusterRole', () => {
  it('the README role is what the issue lists', () => {
    const resources = readme.flatMap((r) => (r.resources ?? []).map((x) => `${r.apiGroups?.[0] ?? ''}/${x}`)).sort();
    expect(resources).toEqual([
      '/endpoints', '/namespaces', '/nodes', '/pods', '/replicationcontrollers', '/services',
      'apps/daemonsets', 'apps/deployments', 'apps/replicasets', 'apps/statefulsets',
      'batch/cronjobs', 'batch/jobs', 'discovery.k8s.io/endpointslices',
      'gateway.networking.k8s.io/gatewayclasses', 'gateway.networking.k8s.io/gateways', 'gateway.networking.k8s.io/grpcroutes', 'gateway.networking.k8s.io/httproutes',
      'gateway.networking.k8s.io/referencegrants', 'gateway.networking.k8s.io/tcproutes', 'gateway.networking.k8s.io/tlsroutes', 'gateway.networking.k8s.io/udproutes',
      'monitoring.coreos.com/podmonitors', 'monitoring.coreos.com/servicemonitors',
      'networking.k8s.io/ingressclasses', 'networking.k8s.io/ingresses', 'networking.k8s.io/networkpolicies', 'policy/poddisruptionbudgets',
    ]);
    // watch only where --watch follows changes (the core group's rule covers replicationcontrollers too).
    const watched = new Set(['services', 'pods', 'endpoints', 'nodes', 'namespaces', 'endpointslices', 'networkpolicies', 'ingresses', 'httproutes', 'gateways', 'referencegrants']);
    for (const r of readme) {
      expect([...(r.verbs ?? [])].sort()).toEqual((r.resources ?? []).some((x) => watched.has(x)) ? ['get', 'list', 'watch'] : ['get', 'list']);
    }
  });

  it('with exactly that role: explain and check work, no notes about unreadable resources', async () => {
    await grant(readme);
    const r = await until(['explain', 'web', '-n', ns], (x) => expect(x.status).toBe(0));
    expect(r.stdout).toContain('web-1');
    expect(r.stdout).toMatch(/EndpointSlices: as predicted/);
    expect(r.stdout).not.toMatch(/could not be read/);
    expect(r.stderr).toBe('');

    const c = asViewer(['check', '-n', ns, '-o', 'json']);
    expect(c.status, show(c)).toBe(1); // web-typo matches nothing
    const report = JSON.parse(c.stdout);
    expect(report.notes, show(c)).toEqual([]);
    expect(report.services.map((s: { name: string }) => s.name).sort()).toEqual(['web', 'web-typo']);

    const all = asViewer(['check', '-A', '-o', 'json']);
    expect([0, 1], show(all)).toContain(all.status);
    expect(JSON.parse(all.stdout).notes).toEqual([]);
  });

  it('without nodes: explain and check still work and say nodes could not be read', async () => {
    await grant(without(readme, 'nodes'));
    const r = await until(['explain', 'web', '-n', ns], (x) => expect(x.stdout).toMatch(/nodes could not be read/));
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toContain('web-1');
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expectNodesOnlyUnknown(r);

    const c = asViewer(['check', '-n', ns, '-o', 'json']);
    expect(c.status, show(c)).toBe(1);
    expect(JSON.parse(c.stdout).notes.join('\n')).toMatch(/nodes could not be read/);
  });

  it('without endpointslices: explain degrades (no slice comparison), with a note, no crash', async () => {
    await grant(without(readme, 'endpointslices'));
    const r = await until(['explain', 'web', '-n', ns], (x) => expect(x.stdout).toMatch(/endpointslices could not be read/));
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toContain('web-1');
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);

    const c = asViewer(['check', '-A', '-o', 'json']);
    expect([0, 1], show(c)).toContain(c.status);
    expect(JSON.parse(c.stdout).notes.join('\n')).toMatch(/endpointslices could not be read/);
  });

  it('without workloads (apps, batch): Pods are still listed, with a note', async () => {
    await grant(readme.filter((r) => !['apps', 'batch'].includes(r.apiGroups?.[0] ?? '')));
    const r = await until(['explain', 'web', '-n', ns], (x) => expect(x.stdout).toMatch(/could not be read/));
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toContain('web-1');
  });

  it('a namespaced developer Role (no Nodes, nothing cluster-wide): explain is exact but for the per-node parts', async () => {
    await grant(null);
    await grantDeveloper(ns);
    try {
      const r = await until(['explain', 'web', '-n', ns], (x) => expect(x.status).toBe(0));
      expect(r.stdout).toMatch(/nodes could not be read/);
      expectNodesOnlyUnknown(r);
      const c = asViewer(['check', '-n', ns, '-o', 'json']);
      expect(c.status, show(c)).toBe(1); // web-typo matches nothing
      const report = JSON.parse(c.stdout);
      const web = report.findings.filter((x: { object: { name: string } }) => x.object.name === 'web');
      expect(web.map((x: { check: string }) => x.check), show(c)).not.toContain('endpoints-drift');
      expect(web.map((x: { check: string }) => x.check)).not.toContain('no-proxy-backends');
    } finally {
      await grantDeveloper(null);
    }
  });

  // What is right with no role at all: the Services themselves cannot be read, so there is nothing to
  // explain or check. That is an error (exit 3, like any other cluster problem) with one line that says
  // the request was refused: never an empty report that passes a CI gate (exit 0), never an internal
  // error (exit 70). (Until 7b382fa explain exited 70 and check exited 0 with an empty report.)
  const noRole = (template: string[]) => async () => {
    const args = template.map((a) => (a === 'NS' ? ns : a));
    await grant(null);
    const r = await until(args, (x) => expect(x.stdout).not.toContain('web-1'));
    expect(r.status, `${args.join(' ')}\n${show(r)}`).toBe(3);
    expect(r.stderr, show(r)).toMatch(/forbidden|not allowed|403/i);
    expect(r.stderr, show(r)).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr.trim().split('\n'), show(r)).toHaveLength(1);
    expect(r.stdout).toBe('');
  };
  it('no role at all: explain fails with exit 3 and one line naming the refusal', noRole(['explain', 'web', '-n', 'NS']));
  it('no role at all: check -n NS fails with exit 3', noRole(['check', '-n', 'NS', '-o', 'json']));
  it('no role at all: check -A fails with exit 3', noRole(['check', '-A']));
});
