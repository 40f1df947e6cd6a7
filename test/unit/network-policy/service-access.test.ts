import { describe, expect, it } from 'vitest';
import { canReachInSnapshot } from '../../../src/core/network-policy/can-reach-input.js';
import { serviceAccess } from '../../../src/core/network-policy/service-access.js';
import { policyContextOf } from '../../../src/core/network-policy/policy-context.js';
import type { NetworkPolicy } from '../../../src/core/network-policy/types.js';
import type { Service } from '../../../src/core/kubernetes-types.js';
import { emptySnapshot, type Snapshot, type SnapshotPod } from '../../../src/core/snapshot.js';

const service: Service = { metadata: { name: 'api', namespace: 'shop' }, spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'admin', port: 9000 }] } };

function apiPod(name: string, ip: string, named = true): SnapshotPod {
  const spec = { containers: [{ name: 'api', ports: named ? [{ name: 'http', containerPort: 8080 }] : [] }] };
  return { ref: { kind: 'Pod', namespace: 'shop', name }, labels: { app: 'api' }, spec, pod: { metadata: { name, namespace: 'shop', labels: { app: 'api' } }, spec, status: { podIP: ip, podIPs: [{ ip }] } } };
}

function snapshotWith(policies: NetworkPolicy[], pods: SnapshotPod[] = [apiPod('api-1', '10.244.0.1'), apiPod('api-2', '10.244.0.2', false)]): Snapshot {
  const snapshot = emptySnapshot('cluster');
  snapshot.services = [{ object: service, ref: { kind: 'Service', namespace: 'shop', name: 'api' } }];
  snapshot.pods = pods;
  snapshot.networkPolicies = policies.map((object) => ({ object, ref: { kind: 'NetworkPolicy', namespace: object.metadata.namespace!, name: object.metadata.name! } }));
  return snapshot;
}

const denyAll: NetworkPolicy = { metadata: { name: 'deny', namespace: 'shop' }, spec: { podSelector: {} } };
const allowHttp: NetworkPolicy = { metadata: { name: 'allow-http', namespace: 'shop' }, spec: { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'http' }] }] } };

describe('serviceAccess', () => {
  it('per port and Pod: the resolved targetPort, who isolates it and who is allowed', () => {
    const snapshot = snapshotWith([denyAll, allowHttp]);
    const ports = serviceAccess(policyContextOf(snapshot), service, snapshot.pods);
    expect(ports.map((port) => [port.port, port.pods.map((pod) => [pod.pod, pod.port, pod.access, pod.allowedBy.map((a) => a.peers.join('|'))])])).toEqual([
      ['http', [['api-1', 8080, 'some', ['Pods app=web in namespace shop']], ['api-2', null, 'no-port', []]]],
      ['admin', [['api-1', 9000, 'nobody', []], ['api-2', 9000, 'nobody', []]]],
    ]);
  });

  it('without policies every peer may connect', () => {
    const snapshot = snapshotWith([]);
    expect(serviceAccess(policyContextOf(snapshot), service, snapshot.pods)[1].pods.map((pod) => pod.access)).toEqual(['everyone', 'everyone']);
  });
});

describe('canReachInSnapshot', () => {
  it('a labelled client in another namespace: ingress decides per Pod and port', () => {
    const lookup = canReachInSnapshot(snapshotWith([denyAll, allowHttp]), { namespace: 'shop', service: 'api', client: { namespace: 'shop', labels: { app: 'web' } } });
    if (!('verdict' in lookup)) throw new Error(lookup.missing);
    expect(lookup.verdict.targets.map((t) => [t.pod, t.servicePort, t.port, t.allowed])).toEqual([
      ['api-1', 'http', 8080, true],
      ['api-2', 'http', null, false],
      ['api-1', 'admin', 9000, false],
      ['api-2', 'admin', 9000, false],
    ]);
    expect(lookup.verdict.reachable).toBe('partly');
    expect(lookup.verdict.dns.allowed).toBe(true);
  });

  it('egress isolation without a DNS rule blocks the lookup of the name', () => {
    const egress: NetworkPolicy = { metadata: { name: 'egress', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }] }] } };
    const lookup = canReachInSnapshot(snapshotWith([egress]), { namespace: 'shop', service: 'api', port: 'admin', client: { namespace: 'shop', labels: { app: 'web' } } });
    if (!('verdict' in lookup)) throw new Error(lookup.missing);
    expect(lookup.verdict.dns.allowed).toBe(false);
    expect(lookup.verdict.dns.egress.fix).toContain('k8s-app: kube-dns');
    expect(lookup.verdict.targets.every((t) => t.allowed)).toBe(true);
    expect(lookup.verdict.reachable).toBe('partly');
  });

  it.each([
    [{ namespace: 'shop', service: 'nope', client: { namespace: 'shop', labels: {} } }, 'service "nope" not found in namespace "shop"'],
    [{ namespace: 'shop', service: 'api', client: { namespace: 'shop', pod: 'ghost' } }, 'pod "ghost" not found in namespace "shop"'],
    [{ namespace: 'shop', service: 'api', port: 'grpc', client: { namespace: 'shop', labels: {} } }, 'service "api" has no port "grpc" (ports: http, admin)'],
  ])('%j → %s', (input, missing) => {
    expect(canReachInSnapshot(snapshotWith([]), input)).toEqual({ missing });
  });
});

describe('why-not mentions NetworkPolicy isolation', () => {
  it('an isolated Pod gets a ! line naming the policies; without policies no line', async () => {
    const { explainWhyNot } = await import('../../../src/core/live/why-not.js');
    const pod = apiPod('api-1', '10.244.0.1').pod!;
    const input = { service, pod, nodes: [], endpointSlices: [], endpoints: null, unavailable: [] };
    const isolated = explainWhyNot({ ...input, networkPolicies: [denyAll, allowHttp] }).items.filter((item) => item.topic === 'network-policy');
    expect(isolated.map((item) => [item.mark, item.text])).toEqual([['warn', 'NetworkPolicies isolate it for ingress (deny, allow-http): only the peers and ports they allow can connect; see kubectl svc-explain can-reach --from CLIENT api']]);
    expect(explainWhyNot({ ...input, networkPolicies: [] }).items.filter((item) => item.topic === 'network-policy')).toEqual([]);
    expect(explainWhyNot({ ...input, unavailable: ['networkpolicies'] }).items.filter((item) => item.topic === 'network-policy').map((item) => item.mark)).toEqual(['unknown']);
  });
});
