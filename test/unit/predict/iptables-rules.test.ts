import { describe, it, expect } from 'vitest';
import { predictIptablesRules } from '../../../src/core/predict/proxy-targets.js';
import { saveString } from '../../../src/core/predict/iptables-format.js';
import type { EndpointSlice, Service, ServiceSpec } from '../../../src/core/kubernetes-types.js';
import { predictEndpointSlices } from '../../../src/core/predict/predict-endpoint-slices.js';
import { endpoint, node, pod, service, slice } from './builders.js';

/** The spec's worked example: default/my-service, 10.96.123.45, http 80/TCP → 9376, three ready Pods. */
function myService(spec: Partial<ServiceSpec> = {}): Service {
  return service({ clusterIP: '10.96.123.45', ports: [{ name: 'http', port: 80, targetPort: 9376, protocol: 'TCP' }], ...spec }, 'my-service');
}
/** Endpoints listed in reverse text order; nodes[i] hosts 10.244.2.5, 10.244.1.4, 10.244.1.3 in turn. */
function mySlices(nodes: string[] = ['node-b', 'node-a', 'node-a']): EndpointSlice[] {
  const s = slice(['10.244.2.5', '10.244.1.4', '10.244.1.3'].map((ip, i) => endpoint(ip, { node: nodes[i] })), [{ name: 'http', port: 9376 }]);
  s.metadata.labels = { ...s.metadata.labels, 'kubernetes.io/service-name': 'my-service' };
  return [s];
}
const SVC = 'KUBE-SVC-I37Z43XJW6BD4TLV';
const SEP1 = 'KUBE-SEP-NMLWMRVHWN64GV3E';
const SEP2 = 'KUBE-SEP-4TW3FXCECP2QD3MS';
const SEP3 = 'KUBE-SEP-7TK4YZ6W7ZQLAAFQ';
const cidr = { localDetector: { mode: 'ClusterCIDR' as const, cidr: '10.244.0.0/16' } };

describe('predictIptablesRules', () => {
  it('worked example: KUBE-SERVICES, KUBE-SVC and KUBE-SEP lines as iptables-save prints them', () => {
    const rules = predictIptablesRules(myService(), mySlices(), cidr);
    expect(rules.servicesRules).toEqual([
      `-A KUBE-SERVICES -d 10.96.123.45/32 -p tcp -m comment --comment "default/my-service:http cluster IP" -m tcp --dport 80 -j ${SVC}`,
    ]);
    expect(rules.natChains[SVC]).toEqual([
      `-A ${SVC} ! -s 10.244.0.0/16 -d 10.96.123.45/32 -p tcp -m comment --comment "default/my-service:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`,
      `-A ${SVC} -m comment --comment "default/my-service:http -> 10.244.1.3:9376" -m statistic --mode random --probability 0.33333333349 -j ${SEP1}`,
      `-A ${SVC} -m comment --comment "default/my-service:http -> 10.244.1.4:9376" -m statistic --mode random --probability 0.50000000000 -j ${SEP2}`,
      `-A ${SVC} -m comment --comment "default/my-service:http -> 10.244.2.5:9376" -j ${SEP3}`,
    ]);
    expect(rules.natChains[SEP1]).toEqual([
      `-A ${SEP1} -s 10.244.1.3/32 -m comment --comment "default/my-service:http" -j KUBE-MARK-MASQ`,
      `-A ${SEP1} -p tcp -m comment --comment "default/my-service:http" -m tcp -j DNAT --to-destination 10.244.1.3:9376`,
    ]);
    expect(Object.keys(rules.natChains).sort()).toEqual([SEP2, SEP1, SEP3, SVC].sort());
    expect(rules.filterRules).toEqual([]);
  });

  it('end to end: Pods → predicted slices → the same KUBE-SVC chain', () => {
    const pods = ['10.244.2.5', '10.244.1.3', '10.244.1.4'].map((ip, i) =>
      pod(`my-pod-${i}`, { ip, containers: [{ name: 'app', ports: [{ containerPort: 9376 }] }] }));
    const svc = myService({ selector: { app: 'web' } });
    const { slices } = predictEndpointSlices({ service: svc, pods, nodes: [node('node-a')] });
    const fromPods = predictIptablesRules(svc, slices, cidr);
    expect(fromPods.natChains[SVC]).toEqual(predictIptablesRules(myService(), mySlices(), cidr).natChains[SVC]);
    expect(Object.keys(fromPods.natChains)).toContain(SEP3);
  });

  it('session affinity adds recent rules before the probability rules and --set in the SEP', () => {
    const rules = predictIptablesRules(myService({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } }), mySlices());
    expect(rules.natChains[SVC][0]).toBe(
      `-A ${SVC} -m comment --comment "default/my-service:http -> 10.244.1.3:9376" -m recent --rcheck --seconds 600 --reap --name ${SEP1} --mask 255.255.255.255 --rsource -j ${SEP1}`,
    );
    expect(rules.natChains[SVC]).toHaveLength(6);
    expect(rules.natChains[SEP1][1]).toBe(
      `-A ${SEP1} -p tcp -m comment --comment "default/my-service:http" -m recent --set --name ${SEP1} --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.3:9376`,
    );
  });

  it('without a local detector there is no masquerade rule; --masquerade-all has no source match', () => {
    expect(predictIptablesRules(myService(), mySlices()).natChains[SVC]).toHaveLength(3);
    expect(predictIptablesRules(myService(), mySlices(), { masqueradeAll: true }).natChains[SVC][0]).toBe(
      `-A ${SVC} -d 10.96.123.45/32 -p tcp -m comment --comment "default/my-service:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`,
    );
  });

  it('interface-prefix detector negates -i in iptables-save position', () => {
    const rules = predictIptablesRules(myService(), mySlices(), { localDetector: { mode: 'InterfaceNamePrefix', prefix: 'veth' } });
    expect(rules.natChains[SVC][0]).toContain(`-A ${SVC} -d 10.96.123.45/32 ! -i veth+ -p tcp -m comment`);
  });

  it('large cluster mode drops the per-endpoint comments', () => {
    const rules = predictIptablesRules(myService(), mySlices(), { largeClusterMode: true });
    expect(rules.natChains[SVC][2]).toBe(`-A ${SVC} -j ${SEP3}`);
    expect(rules.natChains[SEP1][0]).toBe(`-A ${SEP1} -s 10.244.1.3/32 -j KUBE-MARK-MASQ`);
  });

  it('no endpoints: no nat chains, a REJECT in the filter table', () => {
    const rules = predictIptablesRules(myService(), []);
    expect(rules.natChains).toEqual({});
    expect(rules.servicesRules).toEqual([]);
    expect(rules.filterRules).toEqual([
      '-A KUBE-SERVICES -d 10.96.123.45/32 -p tcp -m comment --comment "default/my-service:http has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    ]);
  });

  it('NodePort with externalTrafficPolicy Local: EXT chain, SVL chain with the local endpoints', () => {
    const svc = myService({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, targetPort: 9376, nodePort: 30080 }] });
    const rules = predictIptablesRules(svc, mySlices(), { ...cidr, nodeName: 'node-a' });
    const ext = 'KUBE-EXT-I37Z43XJW6BD4TLV';
    const svl = 'KUBE-SVL-I37Z43XJW6BD4TLV';
    expect(rules.nodePortsRules).toEqual([`-A KUBE-NODEPORTS -p tcp -m comment --comment "default/my-service:http" -m tcp --dport 30080 -j ${ext}`]);
    expect(rules.natChains[ext]).toEqual([
      `-A ${ext} -s 10.244.0.0/16 -m comment --comment "pod traffic for default/my-service:http external destinations" -j ${SVC}`,
      `-A ${ext} -m comment --comment "masquerade LOCAL traffic for default/my-service:http external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
      `-A ${ext} -m comment --comment "route LOCAL traffic for default/my-service:http external destinations" -m addrtype --src-type LOCAL -j ${SVC}`,
      `-A ${ext} -j ${svl}`,
    ]);
    expect(rules.natChains[svl]).toEqual([
      `-A ${svl} -m comment --comment "default/my-service:http -> 10.244.1.3:9376" -m statistic --mode random --probability 0.50000000000 -j ${SEP1}`,
      `-A ${svl} -m comment --comment "default/my-service:http -> 10.244.1.4:9376" -j ${SEP2}`,
    ]);
    expect(rules.natChains[SVC]).toHaveLength(4);
  });

  it('externalTrafficPolicy Local with no endpoint on this node: EXT chain without the SVL jump, filter DROP', () => {
    const svc = myService({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, targetPort: 9376, nodePort: 30080 }] });
    const rules = predictIptablesRules(svc, mySlices(), { nodeName: 'node-z' });
    expect(rules.natChains['KUBE-EXT-I37Z43XJW6BD4TLV']).toHaveLength(2);
    expect(rules.natChains['KUBE-SVL-I37Z43XJW6BD4TLV']).toBeUndefined();
    expect(rules.filterRules).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/my-service:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j DROP',
    ]);
  });

  it('localhost NodePort line with nfacct, printed with its double space', () => {
    const svc = myService({ type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 9376, nodePort: 30606 }] });
    const rules = predictIptablesRules(svc, mySlices(), { localhostNodePortsNfacct: true });
    expect(rules.nodePortsRules).toEqual([
      '-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m comment --comment "default/my-service:http" -m tcp --dport 30606 -m nfacct --nfacct-name  localhost_nps_accepted_pkts -j KUBE-EXT-I37Z43XJW6BD4TLV',
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "default/my-service:http" -m tcp --dport 30606 -j KUBE-EXT-I37Z43XJW6BD4TLV',
    ]);
    expect(rules.natChains['KUBE-EXT-I37Z43XJW6BD4TLV']).toEqual([
      '-A KUBE-EXT-I37Z43XJW6BD4TLV -m comment --comment "masquerade traffic for default/my-service:http external destinations" -j KUBE-MARK-MASQ',
      `-A KUBE-EXT-I37Z43XJW6BD4TLV -j ${SVC}`,
    ]);
  });

  it('IPv6: /128 host masks, bracketed DNAT, IPv6 recent mask', () => {
    const svc = myService({ clusterIP: 'fd00::45', ipFamilies: ['IPv6'], sessionAffinity: 'ClientIP' });
    const v6 = slice([endpoint('fd00:10:244::3')], [{ name: 'http', port: 9376 }], { addressType: 'IPv6' });
    v6.metadata.labels = { ...v6.metadata.labels, 'kubernetes.io/service-name': 'my-service' };
    const rules = predictIptablesRules(svc, [v6]);
    const [sep] = Object.keys(rules.natChains).filter((name) => name.startsWith('KUBE-SEP-'));
    expect(rules.natChains[sep][0]).toBe(`-A ${sep} -s fd00:10:244::3/128 -m comment --comment "default/my-service:http" -j KUBE-MARK-MASQ`);
    expect(rules.natChains[sep][1]).toContain('--mask ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff --rsource -m tcp -j DNAT --to-destination [fd00:10:244::3]:9376');
    expect(rules.servicesRules[0]).toContain('-d fd00::45/128 -p tcp');
  });
});

describe('saveString (xtables_save_string)', () => {
  it.each([
    ['plain-name_1', 'plain-name_1'],
    ['ns/svc:port', '"ns/svc:port"'],
    ['say "hi"', '"say \\"hi\\""'],
  ])('%j → %s', (input, expected) => {
    expect(saveString(input)).toBe(expected);
  });
});
