// What differs between Kubernetes minors, checked on the minor the control plane runs
// (SVC_EXPLAIN_K8S_VERSION; CI runs this file on 1.37, 1.36 and 1.33): the server version in the
// reports, Service validation and deprecation warnings of the real API server against lint for the
// same minor, and the nftables rule shapes of the real kube-proxy against explain's prediction.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsForMinor } from '../../src/core/version/index.js';
import { clients, cluster, createService, dryRunCreate, fixture, iptablesSave, nftList, parseIptablesSave, runPod, waitFor, waitForSlices } from './helpers/k8s.js';
import { chainTargets } from './helpers/nft-table.js';
import { OWNER_COLLECTIONS } from './helpers/validation-generator.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'kubectl-svc_explain');
const minor = cluster().kubernetesMinor;
const facts = factsForMinor(minor);

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', KUBECONFIG: cluster().kubeconfig } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** lint for this minor on one Service: the ids of its findings. */
function lintFindings(dir: string, service: object): string[] {
  const file = path.join(dir, `${randomName()}.json`);
  fs.writeFileSync(file, JSON.stringify(service));
  const r = cli(['lint', '--kubernetes-version', `1.${minor}`, '-o', 'json', file]);
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout);
  expect(report.kubernetesVersion).toEqual({ minor: `1.${minor}`, source: 'flag', server: null });
  return report.findings.map((f: { check: string }) => f.check);
}
let counter = 0;
const randomName = () => `svc-${process.pid}-${counter++}`;

const svc = (name: string, spec: object, annotations?: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'Service',
  metadata: { name, ...(annotations ? { annotations } : {}) },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...spec },
});

const lb = (name: string, spec: object = {}, annotations?: Record<string, string>) => svc(name, { type: 'LoadBalancer', ...spec }, annotations);
const nodePort = (name: string, nodePorts: number[], spec: object = {}, protocols: string[] = []) => svc(name, {
  type: 'NodePort',
  ports: nodePorts.map((port, i) => ({ name: `p${i}`, port: 80 + i, targetPort: 8080, nodePort: port, ...(protocols[i] ? { protocol: protocols[i] } : {}) })),
  ...spec,
});
const externalName = (name: string, spec: object) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type: 'ExternalName', ...spec } });

/**
 * The rest of the API server's Service validation (type-dependent fields, cluster IPs and families,
 * session affinity, external IPs, source ranges, traffic policies, ports): each case is created with a
 * server-side dry run, and lint must call it invalid exactly when the server refuses it. Cases whose
 * verdict depends on this cluster's service CIDR are left out (a valid clusterIP is allocated or not).
 */
const SPEC_CASES: [string, object][] = [
  ['an empty type (defaulted to ClusterIP)', svc('emptytype', { type: '' })],
  ['an empty targetPort (defaulted to the port)', svc('emptytarget', { ports: [{ name: 'http', port: 80, targetPort: '' }] })],
  ['an empty protocol', svc('emptyproto', { ports: [{ name: 'http', port: 80, protocol: '' }] })],
  ['an ExternalName that is not a DNS name', externalName('enbad', { externalName: 'a..b' })],
  ['an ExternalName with a trailing dot', externalName('endot', { externalName: 'example.com.' })],
  ['an ExternalName of only a dot', externalName('enonlydot', { externalName: '.' })],
  ['an ExternalName with upper case', externalName('enupper', { externalName: 'Example.com' })],
  ['an ExternalName with clusterIP None', externalName('ennone', { externalName: 'example.com', clusterIP: 'None' })],
  ['an ExternalName with an ipFamilyPolicy', externalName('enpolicy', { externalName: 'example.com', ipFamilyPolicy: 'SingleStack' })],
  ['an ExternalName with ipFamilies', externalName('enfamilies', { externalName: 'example.com', ipFamilies: ['IPv4'] })],
  ['an ExternalName with ports and a selector', externalName('enports', { externalName: 'example.com', selector: { app: 'web' }, ports: [{ port: 80 }] })],
  ['a headless NodePort', svc('npheadless', { type: 'NodePort', clusterIP: 'None' })],
  ['a headless LoadBalancer', lb('lbheadless', { clusterIP: 'None' })],
  ['a headless Service without ports', svc('headlessnoports', { clusterIP: 'None', ports: [] })],
  ['a nodePort on a ClusterIP Service', svc('cipnodeport', { ports: [{ name: 'http', port: 80, nodePort: 30080 }] })],
  ['a nodePort inside the default range', nodePort('npin', [30080])],
  ['a nodePort below the default range', nodePort('nplow', [8080])],
  ['a nodePort above 65535', nodePort('nphigh', [70000])],
  ['one nodePort on two TCP ports', nodePort('npdup', [30081, 30081])],
  ['one nodePort for two ports of different numbers and protocols', nodePort('npproto', [30082, 30082], {}, ['TCP', 'UDP'])],
  ['one nodePort for TCP and UDP of one port number', svc('npshared', { type: 'NodePort', ports: [{ name: 'dns', port: 53, nodePort: 30053 }, { name: 'dnsudp', port: 53, protocol: 'UDP', nodePort: 30053 }] })],
  ['an unknown sessionAffinity', svc('affsticky', { sessionAffinity: 'Sticky' })],
  ['ClientIP affinity with timeout 0', svc('afftimeout0', { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } })],
  ['ClientIP affinity with timeout 86400', svc('afftimeoutmax', { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } })],
  ['ClientIP affinity with timeout 86401', svc('afftimeoutover', { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } })],
  ['ClientIP affinity without a config', svc('affnoconfig', { sessionAffinity: 'ClientIP' })],
  ['None affinity with a config', svc('affnoneconfig', { sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } })],
  ['an externalIP that is not an IP', svc('eipbad', { externalIPs: ['1.2.3'] })],
  ['a loopback externalIP', svc('eiploop', { externalIPs: ['127.0.0.1'] })],
  ['an unspecified externalIP', svc('eipzero', { externalIPs: ['0.0.0.0'] })],
  ['a link-local externalIP', svc('eiplinklocal', { externalIPs: ['169.254.1.1'] })],
  ['a link-local multicast externalIP', svc('eipmcast', { externalIPs: ['224.0.0.5'] })],
  ['a multicast externalIP outside the link-local block', svc('eipmcast2', { externalIPs: ['239.1.1.1'] })],
  ['an IPv6 link-local externalIP', svc('eipv6ll', { externalIPs: ['fe80::1'] })],
  ['an IPv6 loopback externalIP', svc('eipv6loop', { externalIPs: ['::1'] })],
  ['an IPv6 link-local multicast externalIP', svc('eipv6mcast', { externalIPs: ['ff02::1'] })],
  ['an IPv6 externalIP', svc('eipv6', { externalIPs: ['2001:db8::10'] })],
  ['an externalIP with a leading zero', svc('eipzeros', { externalIPs: ['192.0.2.010'] })],
  ['an IPv4-mapped IPv6 externalIP', svc('eipmapped', { externalIPs: ['::ffff:192.0.2.10'] })],
  ['loadBalancerSourceRanges on a ClusterIP Service', svc('lbsrcip', { loadBalancerSourceRanges: ['10.0.0.0/8'] })],
  ['valid loadBalancerSourceRanges', lb('lbsrcok', { loadBalancerSourceRanges: ['10.0.0.0/8', ' 192.168.0.0/16 ', '2001:db8::/32'] })],
  ['a source range that is not a CIDR', lb('lbsrcbad', { loadBalancerSourceRanges: ['10.0.0.0'] })],
  ['a source range with host bits', lb('lbsrchost', { loadBalancerSourceRanges: ['10.0.0.1/8'] })],
  ['a source range with a leading zero', lb('lbsrczero', { loadBalancerSourceRanges: ['10.0.0.00/24'] })],
  ['the source-ranges annotation on a ClusterIP Service', svc('annsrcip', {}, { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8' })],
  ['the source-ranges annotation on a LoadBalancer', lb('annsrcok', {}, { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8, 192.168.0.0/16' })],
  ['a bad source-ranges annotation', lb('annsrcbad', {}, { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8,nope' })],
  ['an empty source-ranges annotation on a ClusterIP Service', svc('annsrcempty', {}, { 'service.beta.kubernetes.io/load-balancer-source-ranges': ' ' })],
  ['allocateLoadBalancerNodePorts on a ClusterIP Service', svc('alloccip', { allocateLoadBalancerNodePorts: true })],
  ['allocateLoadBalancerNodePorts false on a LoadBalancer', lb('alloclb', { allocateLoadBalancerNodePorts: false })],
  ['loadBalancerClass on a NodePort Service', svc('lbclassnp', { type: 'NodePort', loadBalancerClass: 'example.com/lb' })],
  ['a loadBalancerClass', lb('lbclassok', { loadBalancerClass: 'example.com/lb' })],
  ['a loadBalancerClass that is not a qualified name', lb('lbclassbad', { loadBalancerClass: 'bad class' })],
  ['externalTrafficPolicy on a ClusterIP Service', svc('etpcip', { externalTrafficPolicy: 'Local' })],
  ['externalTrafficPolicy on a ClusterIP Service with externalIPs', svc('etpeip', { externalTrafficPolicy: 'Local', externalIPs: ['192.0.2.20'] })],
  ['an unknown externalTrafficPolicy', svc('etpglobal', { type: 'NodePort', externalTrafficPolicy: 'Global' })],
  ['externalTrafficPolicy on an ExternalName Service', externalName('etpen', { externalName: 'example.com', externalTrafficPolicy: 'Cluster' })],
  ['healthCheckNodePort on a NodePort Service', svc('hcnp', { type: 'NodePort', externalTrafficPolicy: 'Local', healthCheckNodePort: 30555 })],
  ['healthCheckNodePort on a LoadBalancer with Cluster policy', lb('hccluster', { externalTrafficPolicy: 'Cluster', healthCheckNodePort: 30556 })],
  ['healthCheckNodePort on a LoadBalancer with Local policy', lb('hclocal', { externalTrafficPolicy: 'Local', healthCheckNodePort: 30557 })],
  ['an unknown internalTrafficPolicy', svc('itpnode', { internalTrafficPolicy: 'Node' })],
  ['internalTrafficPolicy Local', svc('itplocal', { internalTrafficPolicy: 'Local' })],
  ['an appProtocol', svc('approto', { ports: [{ name: 'http', port: 80, appProtocol: 'kubernetes.io/h2c' }] })],
  ['an appProtocol that is not a qualified name', svc('approtobad', { ports: [{ name: 'http', port: 80, appProtocol: 'bad proto' }] })],
  ['topology annotations that disagree', svc('topodiff', {}, { 'service.kubernetes.io/topology-aware-hints': 'Auto', 'service.kubernetes.io/topology-mode': 'Disabled' })],
  ['topology annotations that agree', svc('toposame', {}, { 'service.kubernetes.io/topology-aware-hints': 'Auto', 'service.kubernetes.io/topology-mode': 'Auto' })],
  ['a clusterIP that is not an IP', svc('cipbad', { clusterIP: 'abc' })],
  ['a clusterIP past 255', svc('cip300', { clusterIP: '10.0.0.300' })],
  ['clusterIPs without clusterIP', svc('cipsonly', { clusterIPs: ['None'] })],
  ['clusterIPs that disagree with clusterIP', svc('cipsdiff', { clusterIP: 'None', clusterIPs: ['10.0.0.1'] })],
  ['None followed by an IP in clusterIPs', svc('cipsnone', { clusterIP: 'None', clusterIPs: ['None', '10.0.0.1'] })],
  ['three clusterIPs', svc('cips3', { clusterIP: 'a', clusterIPs: ['a', 'b', 'c'] })],
  ['an unknown IP family', svc('famv5', { ipFamilies: ['IPv5'] })],
  ['one IP family twice', svc('famdup', { ipFamilies: ['IPv4', 'IPv4'] })],
  ['an unknown ipFamilyPolicy', svc('famdual', { ipFamilyPolicy: 'Dual' })],
  ['label keys and values that are not label syntax', { ...svc('metalabels', {}), metadata: { name: 'metalabels', labels: { 'bad key!': 'x', ok: 'v a l' } } }],
  ['label keys and values at their limits', { ...svc('metalabelsok', {}), metadata: { name: 'metalabelsok', labels: { [`${'a'.repeat(253)}/${'b'.repeat(63)}`]: 'c'.repeat(63), empty: '' } } }],
  ['an annotation key that is not a qualified name', svc('metaannotation', {}, { 'Bad Key': 'x' })],
  ['an annotation key in upper case', svc('metaannotationcase', {}, { 'Example.COM/Team': 'x' })],
  ['annotations of 262,144 bytes', svc('metaannotationmax', {}, { a: 'x'.repeat(256 * 1024 - 1) })],
  ['annotations of 262,145 bytes', svc('metaannotationover', {}, { a: 'x'.repeat(256 * 1024) })],
  ['a headless Service with clusterIP None and a family', svc('famheadless', { clusterIP: 'None', ipFamilies: ['IPv4'] })],
  ['two IP families without ipFamilyPolicy (SingleStack)', svc('famtwo', { ipFamilies: ['IPv4', 'IPv6'] })],
  ['two IP families with PreferDualStack', svc('famtwoprefer', { ipFamilies: ['IPv6', 'IPv4'], ipFamilyPolicy: 'PreferDualStack' })],
  ['a headless Service without selector and two families (RequireDualStack)', svc('famtwoheadless', { clusterIP: 'None', selector: undefined, ipFamilies: ['IPv4', 'IPv6'] })],
  ['a headless Service with a selector and two families (SingleStack)', svc('famtwoheadsel', { clusterIP: 'None', ipFamilies: ['IPv4', 'IPv6'] })],
];

type ContainerSpec = { name: string; image?: string; ports?: object[] };
const container = (ports: object[] = [{ containerPort: 8080 }], extra: object = {}): ContainerSpec => ({ name: 'app', image: 'example/app:1', ports, ...extra });
const deployment = (name: string, podSpec: object, labels: Record<string, string> = { app: 'web' }) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels }, spec: podSpec } },
});
const pod = (name: string, podSpec: object, labels: Record<string, string> = { app: 'web' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: podSpec });
const workload = (kind: 'StatefulSet' | 'DaemonSet', name: string, podSpec: object) => {
  const { spec, ...rest } = deployment(name, podSpec);
  return { ...rest, kind, spec: kind === 'StatefulSet' ? { ...spec, serviceName: 'web' } : spec };
};
const job = (name: string, podSpec: object) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: podSpec } } });
const cronJob = (name: string, podSpec: object) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name }, spec: { schedule: '@hourly', jobTemplate: { spec: job(name, podSpec).spec } } });

/** Pods and pod templates on the way to a Service: labels, container names and container ports, created with a dry run. */
const POD_SPEC_CASES: [string, { kind: string }][] = [
  ['a valid template', deployment('ok', { containers: [container()] })],
  ['a template label key that is not label syntax', deployment('labelkey', { containers: [container()] }, { app: 'web', 'bad key!': 'x' })],
  ['a template label value with a space', deployment('labelvalue', { containers: [container()] }, { app: 'web', tier: 'back end' })],
  ['a template without containers', deployment('nocontainers', { containers: [] })],
  ['a container name in upper case', deployment('uppername', { containers: [{ ...container(), name: 'App' }] })],
  ['two containers of one name', deployment('dupname', { containers: [container(), container([{ containerPort: 9090 }])] })],
  ['an init container named like a container', deployment('dupinit', { containers: [container()], initContainers: [{ name: 'app', image: 'example/init:1' }] })],
  ['a containerPort above 65535', deployment('bigport', { containers: [container([{ containerPort: 70000 }])] })],
  ['a port without containerPort', deployment('noport', { containers: [container([{ name: 'http' }])] })],
  ['an unknown protocol', deployment('icmp', { containers: [container([{ containerPort: 8080, protocol: 'ICMP' }])] })],
  ['an empty protocol', deployment('emptyproto', { containers: [container([{ containerPort: 8080, protocol: '' }])] })],
  ['a hostPort above 65535', deployment('bighost', { containers: [container([{ containerPort: 8080, hostPort: 70000 }])] })],
  ['one hostPort twice', deployment('duphost', { containers: [container([{ containerPort: 8080, hostPort: 80 }, { containerPort: 8081, hostPort: 80 }])] })],
  ['one hostPort for TCP and UDP', deployment('hostproto', { containers: [container([{ containerPort: 8080, hostPort: 80 }, { containerPort: 8081, hostPort: 80, protocol: 'UDP' }])] })],
  ['one hostPort on two host IPs', deployment('hostips', { containers: [container([{ containerPort: 8080, hostPort: 80, hostIP: '127.0.0.1' }, { containerPort: 8081, hostPort: 80, hostIP: '127.0.0.2' }])] })],
  ['a hostNetwork template with a different hostPort', deployment('hostnet', { hostNetwork: true, containers: [container([{ containerPort: 8080, hostPort: 9090 }])] })],
  ['a hostNetwork template without hostPorts', deployment('hostnetok', { hostNetwork: true, containers: [container([{ containerPort: 8080 }])] })],
  ['a hostNetwork Pod with two containers on one port', pod('hostnetdup', { hostNetwork: true, containers: [container(), { ...container(), name: 'other' }] })],
  ['a Pod with a container port above 65535', pod('podbigport', { containers: [container([{ containerPort: 65536 }])] })],
  ['a valid Pod', pod('podok', { containers: [container()] })],
  ['a template container without an image', deployment('noimage', { containers: [{ name: 'app' }] })],
  ['a Pod container without an image', pod('podnoimage', { containers: [{ name: 'app' }] })],
  ['an init container using one hostPort twice', deployment('initdup', { containers: [container()], initContainers: [{ name: 'init', image: 'example/init:1', ports: [{ containerPort: 1, hostPort: 81 }, { containerPort: 2, hostPort: 81 }] }] })],
  ['two init containers and a container on one hostPort', deployment('initshare', { containers: [container([{ containerPort: 8080, hostPort: 81 }])], initContainers: ['a', 'b'].map((name) => ({ name, image: 'example/init:1', ports: [{ containerPort: 1, hostPort: 81 }] })) })],
  ['a Deployment template with restartPolicy Never', deployment('rpnever', { restartPolicy: 'Never', containers: [container()] })],
  ['a Deployment template with activeDeadlineSeconds', deployment('deadline', { activeDeadlineSeconds: 60, containers: [container()] })],
  ['a StatefulSet template with restartPolicy OnFailure', workload('StatefulSet', 'stsrp', { restartPolicy: 'OnFailure', containers: [container()] })],
  ['a DaemonSet template with restartPolicy Always', workload('DaemonSet', 'dsrp', { restartPolicy: 'Always', containers: [container()] })],
  ['a Job template without restartPolicy', job('jobdefault', { containers: [container()] })],
  ['a Job template with restartPolicy Never and a deadline', job('jobnever', { restartPolicy: 'Never', activeDeadlineSeconds: 60, containers: [container()] })],
  ['a CronJob template with restartPolicy Always', cronJob('cronalways', { restartPolicy: 'Always', containers: [container()] })],
  ['a CronJob template with restartPolicy OnFailure', cronJob('cronok', { restartPolicy: 'OnFailure', containers: [container()] })],
  ['a Pod with restartPolicy Never', pod('podnever', { restartPolicy: 'Never', containers: [container()] })],
  ['a Pod with an unknown restartPolicy', pod('podsometimes', { restartPolicy: 'Sometimes', containers: [container()] })],
  ['a Pod with activeDeadlineSeconds 0', pod('poddeadline', { activeDeadlineSeconds: 0, containers: [container()] })],
  ['a hostNetwork Pod whose init container has a different hostPort', pod('hostnetinit', { hostNetwork: true, containers: [container()], initContainers: [{ name: 'init', image: 'example/init:1', ports: [{ containerPort: 1, hostPort: 2 }] }] })],
];

let f: Awaited<ReturnType<typeof fixture>>;
let tmp: string;
beforeAll(async () => {
  f = await fixture('versions');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'svcx-versions-'));
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await f?.cleanup();
});

describe(`Kubernetes ${cluster().kubernetesVersion}`, () => {
  it('check and explain report the server version they predicted for', async () => {
    await createService(f.namespace, 'plain', { selector: { app: 'none' }, ports: [{ port: 80 }] });
    for (const args of [['check', '-n', f.namespace, '-o', 'json'], ['explain', 'plain', '-n', f.namespace, '-o', 'json']]) {
      const r = cli(args);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).kubernetesVersion).toEqual({ minor: `1.${minor}`, source: 'server', server: cluster().kubernetesVersion });
    }
  });

  it.each([
    ['a name starting with a digit', svc('1web', {})],
    ['trafficDistribution PreferSameZone', svc('tdzone', { trafficDistribution: 'PreferSameZone' })],
    ['trafficDistribution PreferSameNode', svc('tdnode', { trafficDistribution: 'PreferSameNode' })],
    ['trafficDistribution PreferClose', svc('tdclose', { trafficDistribution: 'PreferClose' })],
    ['an unknown trafficDistribution', svc('tdfar', { trafficDistribution: 'PreferFar' })],
    ...SPEC_CASES,
  ])('validation of %s: invalid-service for this minor agrees with the API server', async (_what, service) => {
    // A dry run skips the NodePort allocator's range check, so Services that ask for a nodePort are created for real (and deleted).
    const real = JSON.stringify(service).includes('"nodePort"');
    const server = await dryRunCreate(f.namespace, service, !real);
    if (real && server.accepted) await clients().core.deleteNamespacedService({ namespace: f.namespace, name: (service as { metadata: { name: string } }).metadata.name });
    const findings = lintFindings(tmp, service);
    expect(findings.includes('invalid-service'), server.body).toBe(!server.accepted);
  });

  it.each(POD_SPEC_CASES)('validation of %s: invalid-pod-spec for this minor agrees with the API server', async (_what, object) => {
    const server = await dryRunCreate(f.namespace, object, true, OWNER_COLLECTIONS[object.kind]);
    expect(lintFindings(tmp, object).includes('invalid-pod-spec'), server.body).toBe(!server.accepted);
  });

  it('names may start with a digit exactly from 1.36', async () => {
    expect((await dryRunCreate(f.namespace, svc('7up', {}))).accepted).toBe(facts.serviceNameMayStartWithDigit);
  });

  it.each([
    ['PreferClose', svc('dep-close', { trafficDistribution: 'PreferClose' }), 'deprecated-prefer-close', /trafficDistribution: "PreferClose" is deprecated/],
    ['externalIPs', svc('dep-eip', { externalIPs: ['192.0.2.10'] }), 'deprecated-external-ips', /spec\.externalIPs is deprecated/],
    ['the topology-aware-hints annotation', svc('dep-hints', {}, { 'service.kubernetes.io/topology-aware-hints': 'Auto' }), 'deprecated-topology-aware-hints', /topology-aware-hints is deprecated/],
    ['the topology-mode annotation', svc('dep-mode', {}, { 'service.kubernetes.io/topology-mode': 'Auto' }), 'deprecated-topology-aware-hints', /topology-mode is deprecated/],
  ])('deprecation of %s: lint reports it for this minor exactly when the API server warns', async (_what, service, check, warning) => {
    const server = await dryRunCreate(f.namespace, service);
    expect(server.accepted, server.body).toBe(true);
    const warned = server.warnings.some((w) => warning.test(w));
    expect(lintFindings(tmp, service).includes(check), server.warnings.join('\n')).toBe(warned);
  });
});

describe.skipIf(!cluster().nftProxy)(`nftables rule shapes of kube-proxy ${cluster().kubernetesVersion}`, () => {
  const expected = (backends: number) =>
    facts.nftablesEndpointChainsAlways ? 'endpoint-chains' : backends === 1 && facts.nftablesSingleEndpointWithoutMap ? 'dnat' : 'dnat-map';

  it.each([1, 2])('%i endpoint(s): the service chain picks its backends the way explain predicts', async (count) => {
    const app = `shape${count}`;
    for (let i = 0; i < count; i++) {
      await runPod(f.namespace, `${app}-${i}`, { labels: { app }, node: cluster().nftProxy!.node, ip: `10.244.${60 + count}.${i + 1}`, ports: [{ name: 'http', containerPort: 8080 }] });
    }
    await createService(f.namespace, app, { selector: { app }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
    await waitForSlices(f.namespace, app, (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(count));
    const r = cli(['explain', app, '-n', f.namespace, '-o', 'json', '--proxy-mode', 'nftables', '--node', cluster().nftProxy!.node]);
    expect(r.stderr).toBe('');
    const frontend = JSON.parse(r.stdout).live.proxy.ports[0].frontends.find((x: { kind: string }) => x.kind === 'cluster-ip');
    expect(frontend.dispatch).toBe(expected(count));
    const element = `${frontend.address} . tcp . 80 : goto ${frontend.chain}`;
    await waitFor(() => nftList('map', 'ip', 'kube-proxy', 'service-ips').includes(element), { what: `service-ips element ${element}` });
    const real = await waitFor(() => {
      const parsed = chainTargets(nftList('chain', 'ip', 'kube-proxy', frontend.chain).split('\n').map((l) => l.trim()));
      return parsed.targets.length === count ? parsed : null;
    }, { what: `${count} targets in ${frontend.chain}` });
    expect(real.dispatch).toBe(frontend.dispatch);
    const predicted = frontend.backends.map((b: { chain: string | null; ip: string; port: number }) => b.chain ?? `${b.ip} . ${b.port}`).sort();
    expect(real.targets).toEqual(predicted);
  });
});

describe.skipIf(!cluster().proxy)(`duplicate IP:ports in kube-proxy ${cluster().kubernetesVersion}`, () => {
  // Two slices carry 10.244.71.1:8080: ready on another node, and terminating on kube-proxy's node. Both
  // rules are independent of kube-proxy's (unordered) read of the slices: up to 1.35 the copy on its own
  // node wins (`!exists || isLocal`), from 1.36 the non-terminating one (`!exists || !terminating`).
  it('keeps the copy explain predicts for this minor, in the real iptables rules', async () => {
    const name = 'dup';
    await createService(f.namespace, name, { ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    const slice = (suffix: string, endpoints: object[]) => clients().discovery.createNamespacedEndpointSlice({
      namespace: f.namespace,
      body: {
        metadata: { name: `${name}-${suffix}`, labels: { 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': 'hand-made.example.com' } },
        addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], endpoints: endpoints as never,
      },
    });
    await slice('a', [{ addresses: ['10.244.71.1'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'elsewhere' }]);
    await slice('b', [
      { addresses: ['10.244.71.1'], conditions: { ready: false, serving: true, terminating: true }, nodeName: cluster().proxy!.node },
      { addresses: ['10.244.71.2'], conditions: { ready: true, serving: true, terminating: false } },
    ]);
    const expected = facts.proxyDuplicatePrefersNonTerminating ? ['10.244.71.1:8080', '10.244.71.2:8080'] : ['10.244.71.2:8080'];
    const r = cli(['explain', name, '-n', f.namespace, '-o', 'json', '--node', cluster().proxy!.node]);
    expect(r.stderr).toBe('');
    const port = JSON.parse(r.stdout).live.proxy.ports[0];
    const frontend = port.frontends.find((x: { kind: string }) => x.kind === 'cluster-ip');
    expect(frontend.backends.map((b: { endpoint: string }) => b.endpoint)).toEqual(expected);
    expect(port.endpoints.filter((e: { readOrderDecides?: boolean }) => e.readOrderDecides)).toEqual([]);
    // kube-proxy may first sync with slice a alone; the rules are compared once they settle on the prediction, or after 30 s.
    let real: string[] = [];
    await waitFor(() => {
      const rules = parseIptablesSave(iptablesSave('nat')).rules.get(frontend.chain) ?? [];
      real = rules.flatMap((rule) => /-> (\S+)" .*-j KUBE-SEP-/.exec(rule)?.[1] ?? []);
      return real.join() === expected.join();
    }, { what: `backends ${expected.join(', ')} in ${frontend.chain}` }).catch(() => undefined);
    expect(real).toEqual(expected);
  });
});
