import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import type { NetworkPolicy, NetworkPolicyPeer } from '../../../src/core/network-policy/types.js';
import { emptySnapshot, type Snapshot, type SnapshotPod } from '../../../src/core/snapshot.js';

function pod(namespace: string, name: string, labels: Record<string, string>, kind = 'Pod'): SnapshotPod {
  return { ref: { kind, namespace, name }, labels, spec: { containers: [{ name: 'c' }] } };
}

function snapshotWith(peer: NetworkPolicyPeer, pods: SnapshotPod[], namespaces: Array<[string, Record<string, string>]> = [], source: 'cluster' | 'manifests' = 'cluster'): Snapshot {
  const snapshot = emptySnapshot(source);
  const policy: NetworkPolicy = { metadata: { name: 'allow', namespace: 'shop' }, spec: { podSelector: {}, ingress: [{ from: [peer] }] } };
  snapshot.networkPolicies = [{ object: policy, ref: { kind: 'NetworkPolicy', namespace: 'shop', name: 'allow' } }];
  snapshot.pods = pods;
  snapshot.namespaces = namespaces.map(([name, labels]) => ({ object: { metadata: { name, labels } }, ref: { kind: 'Namespace', namespace: '', name } }));
  return snapshot;
}

const messages = (snapshot: Snapshot) => analyze(snapshot).findings.filter((f) => f.check === 'network-policy-peer-selects-nothing').map((f) => f.message);

describe('network-policy-peer-selects-nothing near misses', () => {
  it('names the workload whose labels nearly match a podSelector', () => {
    const pods = [pod('shop', 'api', { app: 'api' }, 'Deployment'), pod('shop', 'front-end', { app: 'front-end' }, 'Deployment')];
    const [message] = messages(snapshotWith({ podSelector: { matchLabels: { app: 'frontend' } } }, pods, [], 'manifests'));
    expect(message).toMatch(/podSelector app=frontend selects no Pod in namespace shop, so this peer admits nothing\. Near misses: Deployment shop\/front-end \(app=front-end\)\.$/);
  });

  it('names a look-alike key and a missing key, and counts those not shown', () => {
    const pods = [
      pod('shop', 'a', { App: 'web', tier: 'fe', role: 'client' }), pod('shop', 'b', { tier: 'fe' }),
      pod('shop', 'c', { app: 'web', tier: 'fe' }), pod('shop', 'd', { app: 'web', tier: 'fe' }), pod('shop', 'e', { app: 'web', tier: 'fe' }),
    ];
    const [message] = messages(snapshotWith({ podSelector: { matchLabels: { app: 'web', tier: 'fe', role: 'client' } } }, pods));
    expect(message).toMatch(/Near misses: Pod shop\/a \(App=web\), Pod shop\/c \(no label role\), Pod shop\/d \(no label role\) \(and 1 more\)\.$/);
  });

  it('lists nothing for a selector with matchExpressions, or when nothing is close', () => {
    const pods = [pod('shop', 'api', { app: 'api' })];
    for (const podSelector of [{ matchExpressions: [{ key: 'app', operator: 'In' as const, values: ['frontend'] }] }, { matchLabels: { app: 'frontend' } }]) {
      const [message] = messages(snapshotWith({ podSelector }, [...pods, pod('shop', 'x', { app: 'frontend-v2', zone: 'a' })].slice(0, podSelector.matchLabels ? 1 : 2)));
      expect(message).toMatch(/so this peer admits nothing\.$/);
    }
  });

  it('names a namespace whose label nearly matches a namespaceSelector', () => {
    const namespaces: Array<[string, Record<string, string>]> = [['shop', { team: 'shop' }], ['web', { team: 'frontend' }], ['db', { team: 'data' }]];
    const [message] = messages(snapshotWith({ namespaceSelector: { matchLabels: { team: 'frontnd' } } }, [pod('shop', 'api', { app: 'api' })], namespaces));
    expect(message).toMatch(/namespaceSelector team=frontnd selects no namespace, so this peer admits nothing\. Near misses: Namespace web \(team=frontend\)\.$/);
  });

  it('in manifests, reports a namespaceSelector that selects nothing when a namespace nearly matches it', () => {
    const namespaces: Array<[string, Record<string, string>]> = [['shop', {}], ['web', { tem: 'web-team' }]];
    const peer = { namespaceSelector: { matchLabels: { team: 'web-team' } } };
    expect(messages(snapshotWith(peer, [pod('shop', 'api', { app: 'api' })], namespaces, 'manifests'))).toEqual([
      expect.stringMatching(/Near misses: Namespace web \(tem=web-team\)\.$/),
    ]);
    expect(messages(snapshotWith(peer, [pod('shop', 'api', { app: 'api' })], [['shop', {}], ['web', { owner: 'x' }]], 'manifests'))).toEqual([]);
  });

  it('stays bounded on many look-alike Pods: at most three named, the rest counted', () => {
    const pods = Array.from({ length: 5000 }, (_, i) => pod('shop', `p${i}`, { app: `frontend${i % 10}` }));
    const [message] = messages(snapshotWith({ podSelector: { matchLabels: { app: 'frontend' } } }, pods));
    expect(message.match(/Pod shop\//g)).toHaveLength(3);
    expect(message).toMatch(/\(and \d+ more\)\.$/);
  });
});
