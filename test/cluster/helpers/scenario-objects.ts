// Creating and mutating generated scenarios (scenario-generator.ts) in the test cluster: the Pods with
// kwok-like status, the Service, hand-made EndpointSlices and Endpoints. Shared by the random-scenario
// suite and the DNS oracle.
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { clients, createPod, createService, releasePod, setPodStatus, terminatePod } from './k8s.js';
import { describeScenario, type GeneratedPod, type Mutation, type Scenario } from './scenario-generator.js';

/**
 * Run `fn` over `items` with at most `limit` in flight. After a failure no new item starts, and the
 * first error is thrown only once every running call has settled (so nothing is still being created
 * while the namespace is cleaned up).
 */
export async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | undefined;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (!failed && next < items.length) {
      try {
        await fn(items[next++]);
      } catch (error) {
        failed ??= { error };
      }
    }
  }));
  if (failed) throw failed.error;
}

export async function createScenarioPod(namespace: string, pod: GeneratedPod): Promise<void> {
  await createPod(namespace, pod.name, {
    labels: pod.labels, node: pod.node, containers: pod.containers,
    ...(pod.initContainers ? { initContainers: pod.initContainers } : {}),
    ...(pod.hostname ? { hostname: pod.hostname } : {}),
    ...(pod.subdomain ? { subdomain: pod.subdomain } : {}),
  });
  const ips = pod.ips.length ? pod.ips : undefined;
  switch (pod.state) {
    case 'ready':
    case 'terminating-ready':
      await setPodStatus(namespace, pod.name, { phase: 'Running', ips, ready: true });
      break;
    case 'unready':
    case 'terminating-unready':
      await setPodStatus(namespace, pod.name, { phase: 'Running', ips, ready: false });
      break;
    case 'failed':
      await setPodStatus(namespace, pod.name, { phase: 'Failed', ips, ready: false });
      break;
    case 'succeeded':
      await setPodStatus(namespace, pod.name, { phase: 'Succeeded', ips, ready: false });
      break;
    case 'running-no-ip':
      await setPodStatus(namespace, pod.name, { phase: 'Running', ready: true });
      break;
    case 'pending-no-ip':
      break;
  }
  if (pod.state.startsWith('terminating-')) await terminatePod(namespace, pod.name, { via: 'finalizer' });
}

export async function createScenario(namespace: string, s: Scenario, otherNamespace: string): Promise<void> {
  try {
    await createScenarioObjects(namespace, s, otherNamespace);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const body = (error as { body?: unknown }).body;
    throw new Error(`creating scenario ${s.index} failed: ${text}${body ? ` ${typeof body === 'string' ? body : JSON.stringify(body)}` : ''}\n${describeScenario(s)}`);
  }
}

async function createScenarioObjects(namespace: string, s: Scenario, otherNamespace: string): Promise<void> {
  await pool(s.pods, 3, (pod) => createScenarioPod(namespace, pod));
  for (const pod of s.elsewherePods ?? []) await createScenarioPod(otherNamespace, pod);
  await createService(namespace, s.name, s.service);
  for (const extra of s.extraSlices ?? []) {
    await clients().discovery.createNamespacedEndpointSlice({
      namespace,
      body: { metadata: { name: extra.name, labels: extra.labels }, addressType: extra.addressType, endpoints: extra.endpoints, ports: extra.ports },
    });
  }
  if (s.endpoints) {
    await clients().core.createNamespacedEndpoints({
      namespace,
      body: { metadata: { name: s.name, labels: s.endpoints.labels }, subsets: s.endpoints.subsets },
    });
  }
}

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

export async function applyMutation(namespace: string, s: Scenario, m: Mutation): Promise<void> {
  const pod = s.pods.find((x) => x.name === m.pod);
  const ips = pod?.ips.length ? pod.ips : undefined;
  switch (m.op) {
    case 'set-ready':
    case 'set-unready':
      await setPodStatus(namespace, m.pod, { phase: 'Running', ips, ready: m.op === 'set-ready' });
      break;
    case 'fail':
      await setPodStatus(namespace, m.pod, { phase: 'Failed', ips, ready: false });
      break;
    case 'terminate':
      await terminatePod(namespace, m.pod, { via: 'finalizer' });
      break;
    case 'delete':
      await releasePod(namespace, m.pod);
      break;
    case 'relabel-out':
      await clients().core.patchNamespacedPod({ name: m.pod, namespace, body: { metadata: { labels: { scn: 'moved-away' } } } }, mergePatch);
      break;
    case 'add-pod':
      await createScenarioPod(namespace, m.added!);
      break;
  }
}

