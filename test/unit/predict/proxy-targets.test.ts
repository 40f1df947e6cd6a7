import { describe, it, expect } from 'vitest';
import { computeProxyTargets } from '../../../src/core/predict/proxy-targets.js';
import type { ServiceSpec } from '../../../src/core/kubernetes-types.js';
import { endpoint, port, service, slice } from './builders.js';

const http = [{ name: 'http', port: 8080 }];
const slices = [slice([endpoint('10.0.0.1', { node: 'node-a' }), endpoint('10.0.0.2', { node: 'node-b' })], http)];
const web = (spec: Partial<ServiceSpec>) => service({ ports: [port('http', 80, 'http')], ...spec });

/** "kind address:port policy outcome → backends@share" per frontend. */
function frontends(spec: Partial<ServiceSpec>, status?: object): string[] {
  const svc = web(spec);
  if (status) svc.status = status as never;
  const [targets] = computeProxyTargets(svc, slices, { nodeName: 'node-a' }).ports;
  return targets.frontends.map((f) => {
    const backends = f.backends.map((b) => `${b.endpoint}@${b.share.toFixed(2)}`).join(',');
    return `${f.kind} ${f.address ?? '*'}:${f.port} ${f.policy} ${f.outcome} → ${backends}`;
  });
}

describe('computeProxyTargets', () => {
  it.each<[string, Partial<ServiceSpec>, object | undefined, string[]]>([
    ['ClusterIP, Cluster policy', {}, undefined, ['cluster-ip 10.96.0.10:80 Cluster forward → 10.0.0.1:8080@0.50,10.0.0.2:8080@0.50']],
    ['internalTrafficPolicy Local', { internalTrafficPolicy: 'Local' }, undefined, ['cluster-ip 10.96.0.10:80 Local forward → 10.0.0.1:8080@1.00']],
    ['NodePort with externalTrafficPolicy Local', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }, undefined,
      ['cluster-ip 10.96.0.10:80 Cluster forward → 10.0.0.1:8080@0.50,10.0.0.2:8080@0.50', 'node-port *:30080 Local forward → 10.0.0.1:8080@1.00']],
    ['externalIPs', { externalIPs: ['192.0.2.7', 'fd00::7'] }, undefined,
      ['cluster-ip 10.96.0.10:80 Cluster forward → 10.0.0.1:8080@0.50,10.0.0.2:8080@0.50', 'external-ip 192.0.2.7:80 Cluster forward → 10.0.0.1:8080@0.50,10.0.0.2:8080@0.50']],
    ['LoadBalancer ingress (Proxy ipMode ignored)', { type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ ip: '203.0.113.1' }, { ip: '203.0.113.2', ipMode: 'Proxy' }, { hostname: 'lb.example' }] } },
      ['cluster-ip 10.96.0.10:80 Cluster forward → 10.0.0.1:8080@0.50,10.0.0.2:8080@0.50', 'load-balancer 203.0.113.1:80 Cluster forward → 10.0.0.1:8080@0.50,10.0.0.2:8080@0.50']],
  ])('%s', (_title, spec, status, expected) => {
    expect(frontends(spec, status)).toEqual(expected);
  });

  it('Local policy with no endpoint on this node drops; no endpoints at all rejects', () => {
    const remoteOnly = [slice([endpoint('10.0.0.2', { node: 'node-b' })], http)];
    const [local] = computeProxyTargets(web({ internalTrafficPolicy: 'Local' }), remoteOnly, { nodeName: 'node-a' }).ports;
    expect(local.frontends[0]).toMatchObject({ outcome: 'drop', chain: null, backends: [] });
    const [none] = computeProxyTargets(web({}), [], { nodeName: 'node-a' }).ports;
    expect(none.frontends[0]).toMatchObject({ outcome: 'reject', chain: null, backends: [] });
  });

  it('names chains and session affinity', () => {
    const svc = web({ sessionAffinity: 'ClientIP' });
    svc.metadata.namespace = 'kube-system';
    svc.metadata.name = 'kube-dns';
    svc.spec!.ports = [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }];
    const [targets] = computeProxyTargets(svc, [], {}).ports;
    expect(targets.servicePortName).toBe('kube-system/kube-dns:dns');
    expect(targets.chains.cluster).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(targets.sessionAffinity).toEqual({ clientIP: true, timeoutSeconds: 10800 });
  });

  it('uses zone hints of this node when given its labels', () => {
    const hinted = [slice([
      { ...endpoint('10.0.0.1'), hints: { forZones: [{ name: 'zone-1' }] } },
      { ...endpoint('10.0.0.2'), hints: { forZones: [{ name: 'zone-2' }] } },
    ], http)];
    const [targets] = computeProxyTargets(web({}), hinted, { nodeName: 'n', nodeLabels: { 'topology.kubernetes.io/zone': 'zone-2' } }).ports;
    expect(targets.frontends[0].backends.map((b) => b.ip)).toEqual(['10.0.0.2']);
  });

  it.each([
    ['ExternalName', web({ type: 'ExternalName' }), 'external-name'],
    ['headless', web({ clusterIP: 'None' }), 'no-cluster-ip'],
  ])('skips %s Services', (_title, svc, reason) => {
    expect(computeProxyTargets(svc, slices).skipped).toBe(reason);
  });

  it('the IPv6 proxier uses the IPv6 ClusterIP and IPv6 slices only', () => {
    const svc = web({ ipFamilies: ['IPv4', 'IPv6'], clusterIPs: ['10.96.0.10', 'fd00::10'] });
    const v6 = [slice([endpoint('fd00::1')], http, { addressType: 'IPv6' }), ...slices];
    const [targets] = computeProxyTargets(svc, v6, { family: 'IPv6' }).ports;
    expect(targets.frontends.map((f) => f.address)).toEqual(['fd00::10']);
    expect(targets.endpoints.map((e) => e.endpoint)).toEqual(['[fd00::1]:8080']);
  });
});

describe('computeProxyTargets in nftables mode', () => {
  it('names the service chains as the nftables proxier does, and DNATs without endpoint chains', () => {
    const [targets] = computeProxyTargets(web({ type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }), slices, { mode: 'nftables' }).ports;
    expect(targets.chains.cluster).toMatch(/^service-[A-Z2-7]{8}-default\/web\/tcp\/http$/);
    expect(targets.chains.external).toBe(targets.chains.cluster.replace('service-', 'external-'));
    expect(targets.frontends.map((f) => f.chain)).toEqual([targets.chains.cluster, targets.chains.external]);
    expect(targets.frontends[0].backends.map((b) => b.chain)).toEqual([null, null]);
  });

  it('with ClientIP affinity, each backend has its endpoint chain', () => {
    const [targets] = computeProxyTargets(web({ sessionAffinity: 'ClientIP' }), slices, { mode: 'nftables' }).ports;
    expect(targets.frontends[0].backends.map((b) => b.chain)).toEqual([
      expect.stringMatching(/^endpoint-[A-Z2-7]{8}-default\/web\/tcp\/http__10\.0\.0\.1\/8080$/),
      expect.stringMatching(/^endpoint-[A-Z2-7]{8}-default\/web\/tcp\/http__10\.0\.0\.2\/8080$/),
    ]);
  });

  it('maps a load balancer with source ranges to the external chain (the firewall is checked in the filter chains)', () => {
    const svc = web({ type: 'LoadBalancer', loadBalancerSourceRanges: ['192.0.2.0/24'] });
    svc.status = { loadBalancer: { ingress: [{ ip: '203.0.113.1' }] } };
    const nft = computeProxyTargets(svc, slices, { mode: 'nftables' }).ports[0];
    expect(nft.frontends.find((f) => f.kind === 'load-balancer')?.chain).toBe(nft.chains.external);
    const ipt = computeProxyTargets(svc, slices, {}).ports[0];
    expect(ipt.frontends.find((f) => f.kind === 'load-balancer')?.chain).toBe(ipt.chains.firewall);
  });
});
