import { describe, expect, it } from 'vitest';
import { serviceValidationErrors } from '../../../src/core/checks/invalid-service.js';
import type { Service } from '../../../src/core/kubernetes-types.js';

const service = (spec: object, annotations?: Record<string, string>): Service => ({
  metadata: { name: 'web', ...(annotations ? { annotations } : {}) },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }], ...spec },
});

/** The errors of the newest minor (strict IP and CIDR validation) and of 1.35 (before it). */
const errors = (svc: Service) => ({ strict: serviceValidationErrors(svc), before: serviceValidationErrors(svc, 35) });

describe('Service validation beyond names and ports (validateService after SetDefaults_Service)', () => {
  it('accepts what defaulting fills in: an empty type, protocol and targetPort', () => {
    expect(serviceValidationErrors(service({ type: '', ports: [{ name: 'http', port: 80, protocol: '', targetPort: '' }] }))).toEqual([]);
  });

  it('checks an ExternalName as a DNS-1123 subdomain, a trailing dot allowed, and refuses cluster IP fields on it', () => {
    const externalName = (spec: object) => serviceValidationErrors({ metadata: { name: 'web' }, spec: { type: 'ExternalName', ...spec } });
    expect(externalName({ externalName: 'example.com.' })).toEqual([]);
    expect(externalName({ externalName: 'a..b' })).toEqual([expect.stringMatching(/^spec\.externalName "a\.\.b" is not a DNS-1123 subdomain/)]);
    expect(externalName({ externalName: '.' })).toEqual(['spec.externalName is required for type ExternalName']);
    expect(externalName({ externalName: 'x.io', clusterIP: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' })).toEqual([
      'spec.clusterIP may not be set for type ExternalName',
      'spec.ipFamilies may not be set for type ExternalName',
      'spec.ipFamilyPolicy may not be set for type ExternalName',
    ]);
  });

  it('refuses a headless NodePort, a nodePort on ClusterIP, one nodePort for two port numbers, and a nodePort outside the default range', () => {
    expect(serviceValidationErrors(service({ type: 'NodePort', clusterIP: 'None' }))).toEqual(['spec.clusterIP may not be "None" for type NodePort']);
    expect(serviceValidationErrors(service({ ports: [{ name: 'http', port: 80, nodePort: 30080 }] }))).toEqual(['spec.ports[0].nodePort may not be set when the type is ClusterIP']);
    const shared = (second: object) => serviceValidationErrors(service({ type: 'NodePort', ports: [{ name: 'a', port: 53, nodePort: 30053 }, { name: 'b', nodePort: 30053, ...second }] }));
    expect(shared({ port: 53, protocol: 'UDP' })).toEqual([]);
    expect(shared({ port: 54, protocol: 'UDP' })).toEqual([expect.stringMatching(/^spec\.ports\[1\]\.nodePort 30053 is already allocated to port 53/)]);
    expect(shared({ port: 54 })).toEqual(['spec.ports[1].nodePort 30053 is a duplicate']);
    expect(serviceValidationErrors(service({ type: 'NodePort', ports: [{ name: 'http', port: 80, nodePort: 8080 }] }))).toEqual([
      "spec.ports[0].nodePort 8080 is outside the default NodePort range 30000-32767 (unless the API server's --service-node-port-range allows it)",
    ]);
  });

  it('checks session affinity and its timeout', () => {
    expect(serviceValidationErrors(service({ sessionAffinity: 'Sticky' }))).toEqual(['spec.sessionAffinity "Sticky" is not one of ClientIP, None']);
    const timeout = (seconds: number) => serviceValidationErrors(service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: seconds } } }));
    expect(timeout(86400)).toEqual([]);
    expect(timeout(0)).toEqual(['spec.sessionAffinityConfig.clientIP.timeoutSeconds 0 is not between 1 and 86400']);
    // None clears the config in defaulting.
    expect(serviceValidationErrors(service({ sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }))).toEqual([]);
  });

  it('checks external IPs against the special ranges, and their spelling strictly only from 1.36', () => {
    const external = (ip: string) => errors(service({ externalIPs: [ip] }));
    expect(external('192.0.2.10')).toEqual({ strict: [], before: [] });
    expect(external('127.0.0.1').strict).toEqual(['spec.externalIPs[0] "127.0.0.1" may not be in the loopback range (127.0.0.0/8)']);
    expect(external('ff02::1').strict).toEqual(['spec.externalIPs[0] "ff02::1" may not be in the link-local multicast range (ff02::/16)']);
    expect(external('239.1.1.1').strict).toEqual([]);
    expect(external('192.0.2.010')).toEqual({ strict: ['spec.externalIPs[0] "192.0.2.010" must not have leading 0s'], before: [] });
    expect(external('::ffff:192.0.2.10')).toEqual({ strict: ['spec.externalIPs[0] "::ffff:192.0.2.10" must not be an IPv4-mapped IPv6 address'], before: [] });
  });

  it('checks source ranges (field or annotation) only on LoadBalancers, host bits strictly only from 1.36', () => {
    const ranges = (values: string[]) => errors(service({ type: 'LoadBalancer', loadBalancerSourceRanges: values }));
    expect(ranges(['10.0.0.0/8', ' 2001:db8::/32 '])).toEqual({ strict: [], before: [] });
    expect(ranges(['10.0.0.1/8'])).toEqual({ strict: ['spec.loadBalancerSourceRanges[0] "10.0.0.1/8" must not have bits set beyond the prefix length'], before: [] });
    expect(ranges(['10.0.0.0']).before).toEqual([expect.stringMatching(/is not a valid CIDR/)]);
    expect(serviceValidationErrors(service({}, { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8' }))).toEqual([
      'annotation service.beta.kubernetes.io/load-balancer-source-ranges may only be set when the type is LoadBalancer',
    ]);
  });

  it('checks the cluster IP fields without deciding what the service CIDR allocates', () => {
    expect(serviceValidationErrors(service({ clusterIP: 'abc' }))).toEqual(['spec.clusterIP "abc" is not a valid IP address']);
    expect(serviceValidationErrors(service({ clusterIPs: ['None'] }))).toEqual(['spec.clusterIPs must be empty when spec.clusterIP is not set']);
    expect(serviceValidationErrors(service({ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', '10.0.0.2'], ipFamilyPolicy: 'PreferDualStack' }))).toEqual(['spec.clusterIPs may hold no more than one IP of each family']);
    expect(serviceValidationErrors(service({ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', 'fd00::1'] }))).toEqual([
      'spec.ipFamilyPolicy SingleStack (the default when ipFamilyPolicy is unset) allows one cluster IP, but spec.clusterIPs has two: set PreferDualStack or RequireDualStack',
    ]);
    expect(serviceValidationErrors(service({ clusterIP: '10.0.0.1', ipFamilies: ['IPv6'] }))).toEqual(['spec.clusterIPs[0] "10.0.0.1" is not IPv6, as spec.ipFamilies[0] says']);
    expect(serviceValidationErrors(service({ ipFamilies: ['IPv4', 'IPv4'], ipFamilyPolicy: 'Dual' }))).toEqual([
      'spec.ipFamilies[1] "IPv4" is a duplicate',
      'spec.ipFamilyPolicy "Dual" is not one of SingleStack, PreferDualStack, RequireDualStack',
    ]);
  });

  it('checks the traffic policies and the LoadBalancer-only fields by type', () => {
    expect(serviceValidationErrors(service({ externalTrafficPolicy: 'Local' }))).toEqual([expect.stringMatching(/^spec\.externalTrafficPolicy may only be set for externally-accessible/)]);
    expect(serviceValidationErrors(service({ externalTrafficPolicy: 'Local', externalIPs: ['192.0.2.1'] }))).toEqual([]);
    expect(serviceValidationErrors(service({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30555, loadBalancerClass: 'example.com/lb', allocateLoadBalancerNodePorts: false }))).toEqual([]);
    expect(serviceValidationErrors(service({ type: 'NodePort', externalTrafficPolicy: 'Local', healthCheckNodePort: 30555, loadBalancerClass: 'x', allocateLoadBalancerNodePorts: true, internalTrafficPolicy: 'Node' }))).toEqual([
      'spec.allocateLoadBalancerNodePorts may only be set when the type is LoadBalancer',
      'spec.loadBalancerClass may only be set when the type is LoadBalancer',
      'spec.healthCheckNodePort may only be set when the type is LoadBalancer and externalTrafficPolicy is Local',
      'spec.internalTrafficPolicy "Node" is not one of Cluster, Local',
    ]);
  });

  it('checks appProtocol and the two topology annotations', () => {
    expect(serviceValidationErrors(service({ ports: [{ name: 'http', port: 80, appProtocol: 'bad proto' }] }))).toEqual(['spec.ports[0].appProtocol "bad proto" is not a qualified name']);
    expect(serviceValidationErrors(service({}, { 'service.kubernetes.io/topology-aware-hints': 'Auto', 'service.kubernetes.io/topology-mode': 'Disabled' }))).toEqual([
      expect.stringMatching(/^annotation service\.kubernetes\.io\/topology-mode "Disabled" must match/),
    ]);
  });

  it('checks the namespace, labels and annotations as ValidateObjectMeta does, annotation size in UTF-8 bytes', () => {
    expect(serviceValidationErrors({ ...service({}), metadata: { name: 'web', namespace: 'Bad_NS', labels: { 'bad key!': 'x', ok: 'v a l' } } })).toEqual([
      'metadata.namespace "Bad_NS" is not a DNS-1123 label',
      'metadata.labels key "bad key!" is not a valid label key',
      'metadata.labels value "v a l" for "ok" is not a valid label value',
    ]);
    expect(serviceValidationErrors(service({}, { 'Example.COM/Team': 'x' }))).toEqual([]);
    expect(serviceValidationErrors(service({}, { 'Bad Key': 'x' }))).toEqual(['metadata.annotations key "Bad Key" is not a qualified name']);
    // "é" is two bytes: 131,071 of them and the key "a" are 262,143 bytes; one more character passes the limit.
    expect(serviceValidationErrors(service({}, { a: 'é'.repeat(131071) }))).toEqual([]);
    expect(serviceValidationErrors(service({}, { a: `${'é'.repeat(131071)}xy` }))).toEqual(['metadata.annotations hold 262145 bytes, more than the 262144 allowed']);
  });

  it('defaults an unset ipFamilyPolicy as the allocator does: SingleStack takes one family, a headless Service without selector is RequireDualStack', () => {
    const twoFamilies = { ipFamilies: ['IPv4', 'IPv6'] };
    expect(serviceValidationErrors(service(twoFamilies))).toEqual([
      'spec.ipFamilyPolicy SingleStack (the default when ipFamilyPolicy is unset) allows one IP family, but spec.ipFamilies has two: set PreferDualStack or RequireDualStack',
    ]);
    expect(serviceValidationErrors(service({ ...twoFamilies, ipFamilyPolicy: 'PreferDualStack' }))).toEqual([]);
    expect(serviceValidationErrors(service({ ...twoFamilies, clusterIP: 'None', selector: undefined }))).toEqual([]);
    expect(serviceValidationErrors(service({ ...twoFamilies, clusterIP: 'None', selector: {}, ipFamilyPolicy: 'SingleStack' }))).toEqual([
      'spec.ipFamilyPolicy SingleStack allows one IP family, but spec.ipFamilies has two: set PreferDualStack or RequireDualStack',
    ]);
    expect(serviceValidationErrors(service({ ...twoFamilies, clusterIP: 'None' }))).toHaveLength(1);
  });
});
