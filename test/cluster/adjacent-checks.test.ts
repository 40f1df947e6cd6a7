// The checks next to the Service, live: probe ports and duplicate port names on real Pods, ServiceMonitors
// and PodMonitors from a served CRD (and a cluster without it, or without permission to read them),
// PodDisruptionBudgets and replicas for single-endpoint. The API server itself confirms what the
// offline-only checks claim it rejects. Needs `npm run build` first: it runs dist/ as a process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiextensionsV1Api, AppsV1Api, CustomObjectsApi, loadAllYaml, PolicyV1Api, RbacAuthorizationV1Api, type V1CustomResourceDefinition } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients, cluster, createPod, createService, fixture, isNotFound, runPod, setPodStatus, waitFor, waitForSlices } from './helpers/k8s.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'kubectl-svc_explain');
// loadAllYaml maps the manifest's field names (x-kubernetes-preserve-unknown-fields) onto the client's models.
const crds = loadAllYaml(fs.readFileSync(path.join(root, 'test/fixtures/live/monitoring-crds.yaml'), 'utf8')) as V1CustomResourceDefinition[];

interface Finding { check: string; severity: string; object: { kind: string; name: string }; message: string }
interface Run { status: number | null; stdout: string; stderr: string }

function run(args: string[], kubeconfig = cluster().kubeconfig): Run {
  const r = spawnSync(process.execPath, [bin, ...args, '--kubeconfig', kubeconfig], {
    encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const show = (r: Run) => `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

const api = () => ({
  ext: clients().kc.makeApiClient(ApiextensionsV1Api),
  apps: clients().kc.makeApiClient(AppsV1Api),
  custom: clients().kc.makeApiClient(CustomObjectsApi),
  policy: clients().kc.makeApiClient(PolicyV1Api),
  rbac: clients().kc.makeApiClient(RbacAuthorizationV1Api),
});

async function deleteCrds(): Promise<void> {
  for (const crd of crds) await api().ext.deleteCustomResourceDefinition({ name: crd.metadata!.name! }).catch((e) => { if (!isNotFound(e)) throw e; });
}

/** Until the group's discovery document answers (or stops answering), the CRD is not (or still) served. */
async function waitServed(served: boolean): Promise<void> {
  await waitFor(async () => {
    const listed = await api().custom.listClusterCustomObject({ group: 'monitoring.coreos.com', version: 'v1', plural: 'servicemonitors' })
      .then(() => true, (e) => { if (isNotFound(e)) return false; throw e; });
    return listed === served;
  }, { timeoutMs: 30_000, what: `servicemonitors ${served ? '' : 'no longer '}served` });
}

function check(namespace: string, kubeconfig?: string): { run: Run; findings: Finding[]; notes: string[] } {
  const r = run(['check', '-n', namespace, '-o', 'json'], kubeconfig);
  if (r.status !== 0 && r.status !== 1) throw new Error(show(r));
  let report: { findings: Finding[]; notes: string[] };
  try {
    report = JSON.parse(r.stdout) as typeof report;
  } catch {
    throw new Error(`not JSON: ${show(r)}`);
  }
  return { run: r, findings: report.findings, notes: report.notes };
}

let f: Awaited<ReturnType<typeof fixture>>;
let ns: string;
const node = () => f.nodes[0];
const ownedBy = (kind: string, name: string, uid: string) => [{ apiVersion: 'apps/v1', kind, name, uid, controller: true }];

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before this suite');
  f = await fixture('adjacent', { nodes: [{ zone: 'zone-a' }] });
  ns = f.namespace;
  for (const crd of crds) await api().ext.createCustomResourceDefinition({ body: crd });
  await waitServed(true);

  // Readiness probe on a port name the container lacks ("healthz" vs "health"), behind Service probed.
  await runPod(ns, 'probed-1', {
    labels: { app: 'probed' }, node: node(), ip: '10.244.81.1', ready: false,
    containers: [{
      name: 'app', image: 'registry.invalid/app:1',
      ports: [{ name: 'http', containerPort: 8080 }, { name: 'health', containerPort: 8081 }],
      readinessProbe: { httpGet: { path: '/ready', port: 'healthz' as never } },
    }],
  });
  await createService(ns, 'probed', { selector: { app: 'probed' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });

  // Two containers name their port "http": the API accepts it, FindPort picks the first.
  await runPod(ns, 'dup-1', {
    labels: { app: 'dup' }, node: node(), ip: '10.244.81.2',
    containers: [
      { name: 'app', image: 'registry.invalid/app:1', ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: { tcpSocket: { port: 'http' as never } } },
      { name: 'admin', image: 'registry.invalid/admin:1', ports: [{ name: 'http', containerPort: 9000 }] },
    ],
  });
  await createService(ns, 'dup', { selector: { app: 'dup' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] }, { labels: { app: 'dup' } });

  // Deployment web asks for 3 replicas; one Pod exists (no Deployment controller runs here).
  const deployment = await api().apps.createNamespacedDeployment({ namespace: ns, body: {
    metadata: { name: 'web' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'registry.invalid/app:1' }] } } },
  } });
  const replicaSet = await api().apps.createNamespacedReplicaSet({ namespace: ns, body: {
    metadata: { name: 'web-5d4f', ownerReferences: ownedBy('Deployment', 'web', deployment.metadata!.uid!) },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'registry.invalid/app:1' }] } } },
  } });
  await clients().core.createNamespacedPod({ namespace: ns, body: {
    metadata: { name: 'web-5d4f-a', labels: { app: 'web' }, ownerReferences: ownedBy('ReplicaSet', 'web-5d4f', replicaSet.metadata!.uid!) },
    spec: { nodeName: node(), containers: [{ name: 'app', image: 'registry.invalid/app:1', ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: { httpGet: { path: '/', port: 'http' as never } } }] },
  } });
  await setPodStatus(ns, 'web-5d4f-a', { phase: 'Running', ips: ['10.244.81.3'], ready: true });
  await createService(ns, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }, { name: 'metrics', port: 9090 }] }, { labels: { app: 'web' } });

  // A standalone Pod and a budget that wants two of it available.
  await runPod(ns, 'solo-1', { labels: { app: 'solo' }, node: node(), ip: '10.244.81.4', ports: [{ name: 'http', containerPort: 8080 }] });
  await createService(ns, 'solo', { selector: { app: 'solo' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
  await api().policy.createNamespacedPodDisruptionBudget({ namespace: ns, body: { metadata: { name: 'solo' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'solo' } } } } });

  const monitor = (kind: string, plural: string, name: string, spec: object) =>
    api().custom.createNamespacedCustomObject({ group: 'monitoring.coreos.com', version: 'v1', namespace: ns, plural, body: { apiVersion: 'monitoring.coreos.com/v1', kind, metadata: { name }, spec } });
  await monitor('ServiceMonitor', 'servicemonitors', 'dangling', { selector: { matchLabels: { app: 'wbe' } }, endpoints: [{ port: 'metrics' }] });
  await monitor('ServiceMonitor', 'servicemonitors', 'wrong-port', { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'metric' }] });
  await monitor('ServiceMonitor', 'servicemonitors', 'good', { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }, endpoints: [{ port: 'metrics' }] });
  await monitor('PodMonitor', 'podmonitors', 'pods', { selector: { matchLabels: { app: 'dup' } }, podMetricsEndpoints: [{ port: 'metrics' }] });

  await waitForSlices(ns, 'web', (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(1));
  await waitForSlices(ns, 'solo', (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(1));
});

afterAll(async () => {
  await f?.cleanup();
  await deleteCrds().catch(() => {});
});

const of = (findings: Finding[], id: string, name: string) => findings.filter((x) => x.check === id && x.object.name === name);

describe('live checks next to the Service', () => {
  it('probe-port-not-declared: names the Pod, the probe, the wanted name and the near miss', () => {
    const { findings } = check(ns);
    const [finding] = of(findings, 'probe-port-not-declared', 'probed-1');
    expect(finding?.severity).toBe('error');
    expect(finding.message).toContain(`Pod ${ns}/probed-1: container app's readiness probe (httpGet) wants port "healthz"`);
    expect(finding.message).toContain('http 8080/TCP, health 8081/TCP');
    expect(finding.message).toContain(`Service ${ns}/probed never gets an endpoint`);
    expect(finding.message).toContain('Did you mean "health"?');
  });

  it('container-port-name-duplicate across containers: error, since Service dup names that port', () => {
    const [finding] = of(check(ns).findings, 'container-port-name-duplicate', 'dup-1');
    expect(finding?.severity).toBe('error');
    expect(finding.message).toMatch(/declared by containers app and admin; Service \S+\/dup port http \(80\/TCP\) resolves targetPort "http" to container app's port only/);
  });

  it('single-endpoint: the replicas of the owning Deployment, and a PodDisruptionBudget', () => {
    const { findings } = check(ns);
    expect(of(findings, 'single-endpoint', 'web').map((x) => x.message)).toEqual([
      expect.stringContaining(`has a single ready endpoint, Pod web-5d4f-a on node ${node()}, while Deployment ${ns}/web asks for 3 replicas`),
    ]);
    expect(of(findings, 'single-endpoint', 'solo')[0]?.message).toContain(`PodDisruptionBudget ${ns}/solo (app=solo) keeps 2 Pods available of 1 expected`);
    expect(of(findings, 'single-endpoint', 'probed')).toEqual([]);
  });

  it('ServiceMonitors and PodMonitors from the served CRD: dangling, wrong port, good', () => {
    const { findings, notes } = check(ns);
    expect(of(findings, 'servicemonitor-matches-no-service', 'dangling')[0]?.severity).toBe('warning');
    const [wrongPort] = of(findings, 'servicemonitor-port-not-found', 'wrong-port');
    expect(wrongPort?.severity).toBe('error');
    expect(wrongPort.message).toContain('endpoints[0].port "metric" names no port of the Services it selects');
    expect(wrongPort.message).toContain('Did you mean "metrics"?');
    expect(of(findings, 'servicemonitor-port-not-found', 'pods')[0]?.message).toContain('podMetricsEndpoints[0].port "metrics" names no container port');
    expect(findings.filter((x) => x.object.name === 'good')).toEqual([]);
    expect(notes).toEqual([]);
  });

  it('the API server rejects what the offline-only checks report: invalid port names, a mismatched selector', async () => {
    const invalid = await createPod(ns, 'invalid-name', { ports: [{ name: 'HTTP_Metrics', containerPort: 9090 }] }).then(() => null, (e) => e as { code?: number; body?: string });
    expect(invalid?.code).toBe(422);
    expect(String(invalid?.body)).toContain('must contain only alpha-numeric characters');
    const mismatch = await api().apps.createNamespacedDeployment({ namespace: ns, body: {
      metadata: { name: 'mismatch' },
      spec: { selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'postgres' } }, spec: { containers: [{ name: 'db', image: 'registry.invalid/db:1' }] } } },
    } }).then(() => null, (e) => e as { code?: number; body?: string });
    expect(mismatch?.code).toBe(422);
    expect(String(mismatch?.body)).toContain('`selector` does not match template `labels`');
  });

  it('without permission to read monitors: a note, the other checks still run', async () => {
    const rules = [
      { apiGroups: [''], resources: ['services', 'pods', 'endpoints', 'replicationcontrollers'], verbs: ['get', 'list'] },
      { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list'] },
      { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], verbs: ['get', 'list'] },
      { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: ['get', 'list'] },
      { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['get', 'list'] },
    ];
    await api().rbac.createNamespacedRole({ namespace: ns, body: { metadata: { name: 'no-monitors' }, rules } });
    await api().rbac.createNamespacedRoleBinding({ namespace: ns, body: {
      metadata: { name: 'no-monitors' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'no-monitors' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'viewer' }],
    } });
    const result = await waitFor(() => {
      const r = run(['check', '-n', ns, '-o', 'json'], cluster().viewerKubeconfig);
      return r.status === 1 && r.stdout ? (JSON.parse(r.stdout) as { findings: Finding[]; notes: string[] }) : undefined;
    }, { timeoutMs: 20_000, intervalMs: 500, what: 'viewer can check the namespace' });
    expect(result.notes.join('\n')).toMatch(/servicemonitors could not be read/);
    expect(result.notes.join('\n')).toMatch(/podmonitors could not be read/);
    expect(result.findings.filter((x) => x.check.startsWith('servicemonitor-'))).toEqual([]);
    expect(of(result.findings, 'probe-port-not-declared', 'probed-1')).toHaveLength(1);
  });

  it('where the CRD is not served: no monitor findings and no note', async () => {
    await deleteCrds();
    await waitServed(false);
    const { findings, notes } = check(ns);
    expect(findings.filter((x) => x.check.startsWith('servicemonitor-'))).toEqual([]);
    expect(notes).toEqual([]);
    expect(of(findings, 'single-endpoint', 'web')).toHaveLength(1);
  });
});
