import { describe, expect, it } from 'vitest';
import { buildExplainView } from '../../../src/core/live/explain-view.js';
import type { EndpointSlice, Service } from '../../../src/core/kubernetes-types.js';
import { emptySnapshot } from '../../../src/core/snapshot.js';
import { renderExplain } from '../../../src/render/explain.js';

const service: Service = {
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv6', 'IPv4'], clusterIP: 'fd00:10:96::a', clusterIPs: ['fd00:10:96::a', '10.96.0.10'],
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
  },
};
const slice = (name: string, addressType: 'IPv4' | 'IPv6', ip: string, managedBy?: string): EndpointSlice => ({
  metadata: { name, namespace: 'default', labels: { 'kubernetes.io/service-name': 'web', ...(managedBy ? { 'endpointslice.kubernetes.io/managed-by': managedBy } : {}) } },
  addressType, endpoints: [{ addresses: [ip], conditions: { ready: true } }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
});

function snapshot() {
  const s = emptySnapshot('cluster');
  s.services = [{ object: service, ref: { kind: 'Service', namespace: 'default', name: 'web' } }];
  s.endpointSlices = [slice('web-v4', 'IPv4', '10.244.0.5', 'mesh.example.com'), slice('web-v6', 'IPv6', 'fd00:10:244::5', 'mesh.example.com')]
    .map((object) => ({ object, ref: { kind: 'EndpointSlice', namespace: 'default', name: object.metadata.name ?? '' } }));
  return s;
}

describe('explain for a dual-stack Service', () => {
  it('shows one proxy view per family with the backends of that family, naming their slice', () => {
    const { view } = buildExplainView(snapshot(), 'web');
    expect(view.live.proxyByFamily.map((family) => [family.family, family.ports[0].frontends[0].backends.map((b) => `${b.ip} ${b.slice}`)])).toEqual([
      ['IPv6', ['fd00:10:244::5 web-v6']], ['IPv4', ['10.244.0.5 web-v4']],
    ]);
    const text = renderExplain(view, { color: false });
    expect(text).toMatch(/Proxy \(kube-proxy 1\.37, iptables mode, IPv6, ip6tables\):\n.*\n +cluster-ip fd00:10:96::a:80/);
    expect(text).toMatch(/Proxy \(kube-proxy 1\.37, iptables mode, IPv4, iptables\):\n.*\n +cluster-ip 10\.96\.0\.10:80/);
    expect(text).toMatch(/other slices with label kubernetes\.io\/service-name=web/);
  });

  it('--show-rules gives ip6tables and iptables lines, each family with its own --cluster-cidr', () => {
    const { view } = buildExplainView(snapshot(), 'web', { rules: { localDetector: { mode: 'ClusterCIDR', cidr: '10.244.0.0/16,fd00:10:244::/64' } } });
    const [six, four] = view.rulesByFamily ?? [];
    expect(six.family).toBe('IPv6');
    expect(six.rules.join('\n')).toContain('! -s fd00:10:244::/64 -d fd00:10:96::a/128');
    expect(four.rules.join('\n')).toContain('! -s 10.244.0.0/16 -d 10.96.0.10/32');
    expect(renderExplain(view, { color: false })).toMatch(/Predicted ip6tables-save rules for this Service \(IPv6\)/);
  });

  it('nftables mode names table ip6 and table ip', () => {
    const text = renderExplain(buildExplainView(snapshot(), 'web', { proxyMode: 'nftables' }).view, { color: false });
    expect(text).toMatch(/nftables mode, IPv6, nft table ip6 kube-proxy/);
    expect(text).toMatch(/nftables mode, IPv4, nft table ip kube-proxy/);
  });
});
