import { runAnalysis } from '../analyze.js';
import type { ProfileName } from '../profiles.js';
import { predictIptablesRules, type IptablesPrediction, type IptablesRuleOptions } from '../predict/iptables-rules.js';
import type { ProxyMode } from '../predict/proxy-target-types.js';
import { ipFamilyOf, type IpFamily } from '../predict/ip-address.js';
import { serviceProxyFamilies } from '../predict/proxy-targets.js';
import type { EndpointSlice, Service } from '../kubernetes-types.js';
import type { Finding, Report, ServiceExplanation } from '../report.js';
import type { Snapshot } from '../snapshot.js';
import { explainLive, type LiveExplanation } from './explain-live.js';
import { serviceAccess, type ServicePortAccess } from '../network-policy/service-access.js';
import { policyContextOf } from '../network-policy/policy-context.js';
import { defaultVersion, type KubernetesVersion } from '../version/kubernetes-version.js';
import { routedBy, type RoutedByView } from '../routes/routed-by.js';
import { buildDnsView, type DnsView } from '../dns/dns-view.js';

/** Everything `explain SERVICE` prints, as plain data: the JSON output and the input of the text renderer. */
export interface ServiceExplainView {
  service: ServiceExplanation;
  clusterIP: string | null;
  live: LiveExplanation;
  findings: Finding[];
  notes: string[];
  /** The Kubernetes version predicted for: the server's minor (server = its gitVersion). */
  kubernetesVersion: KubernetesVersion;
  /** Predicted iptables-save lines of the primary family, when --show-rules asked for them. */
  rules?: string[];
  /** Who may connect to each Service port's targetPort on each selected Pod, by the NetworkPolicies. */
  networkPolicy: { state: 'read' | 'forbidden' | 'none'; ports: ServicePortAccess[] };
  /** The same for every family of the Service: iptables-save (IPv4) and ip6tables-save (IPv6) lines. */
  rulesByFamily?: Array<{ family: IpFamily; rules: string[] }>;
  /** The Ingress rules and Gateway route backends that send traffic to this Service; absent when no routes were read. */
  routedBy?: RoutedByView[];
  /** The records the cluster DNS (CoreDNS' kubernetes plugin) serves for the Service. */
  dns: DnsView;
}

export interface ExplainViewOptions {
  ignore?: string[];
  /** The severity profile (--profile). */
  profile?: ProfileName;
  /** The node whose kube-proxy view is shown (Local policies, hints). */
  nodeName?: string;
  /** kube-proxy's mode, for the chain names shown (default iptables). */
  proxyMode?: ProxyMode;
  /** Set to predict the Service's iptables rules with these kube-proxy settings. */
  rules?: IptablesRuleOptions;
  /** The cluster's DNS domain (--cluster-domain, default cluster.local). */
  clusterDomain?: string;
}

/** Rules grouped as iptables-save prints them: this Service's lines in the shared chains, then its own chains. */
export function flattenRules(prediction: IptablesPrediction, nodePortsNote?: string): string[] {
  return [
    '*nat',
    ...prediction.servicesRules,
    ...prediction.nodePortsRules,
    ...(nodePortsNote ? [nodePortsNote] : []),
    ...Object.entries(prediction.natChains).flatMap(([chain, rules]) => [`:${chain} - [0:0]`, ...rules]),
    '*filter',
    ...prediction.filterRules,
  ];
}

/**
 * The rule lines for --show-rules. The localhost NodePort counter line depends on the node's kernel
 * (nfacct), which the API does not show: unless asked for, a comment says where it would be.
 */
function ruleLines(service: Service, slices: readonly EndpointSlice[], options: IptablesRuleOptions): string[] {
  const prediction = predictIptablesRules(service, slices, options);
  if (options.localhostNodePortsNfacct) return flattenRules(prediction);
  const withCounter = predictIptablesRules(service, slices, { ...options, localhostNodePortsNfacct: true });
  if (withCounter.nodePortsRules.length === prediction.nodePortsRules.length) return flattenRules(prediction);
  return flattenRules(
    prediction,
    '# not shown: on nodes with nfacct, each KUBE-NODEPORTS line above also comes as "-d 127.0.0.0/8 ... -m nfacct" (--localhost-nodeport-counter)',
  );
}

/**
 * The rule options of one family's proxier: like kube-proxy's --cluster-cidr, the CIDR option may list one
 * CIDR per family ("10.244.0.0/16,fd00:10:244::/64"); each proxier uses its own family's, or none.
 */
function familyRuleOptions(options: IptablesRuleOptions, family: IpFamily): IptablesRuleOptions {
  const detector = options.localDetector;
  if (detector?.mode !== 'ClusterCIDR' && detector?.mode !== 'NodeCIDR') return { ...options, family };
  const cidr = detector.cidr.split(',').map((text) => text.trim()).find((text) => ipFamilyOf(text.split('/')[0]) === family);
  const rest: IptablesRuleOptions = { ...options, family };
  delete rest.localDetector;
  return cidr ? { ...rest, localDetector: { ...detector, cidr } } : rest;
}

/** Analyses a one-Service cluster snapshot and assembles the explain view; the report decides the exit code. */
export function buildExplainView(snapshot: Snapshot, serviceName: string, options: ExplainViewOptions = {}): { view: ServiceExplainView; report: Report } {
  const { report, context } = runAnalysis(snapshot, { ignore: options.ignore, mode: 'cluster', ...(options.profile ? { profile: options.profile } : {}) });
  const analysis = context.services.find((candidate) => candidate.entry.ref.name === serviceName) ?? context.services[0];
  const live = explainLive(snapshot, context.index, analysis, {
    ...(options.nodeName ? { nodeName: options.nodeName } : {}),
    ...(options.proxyMode ? { proxyMode: options.proxyMode } : {}),
  });
  const service = analysis.entry.object;
  const slices = live.proxySlices;
  const nodes = live.nodesUnknown ? { nodesUnknown: true } : {};
  const rulesByFamily = options.rules
    ? serviceProxyFamilies(service).map((family) => ({ family, rules: ruleLines(service, slices, familyRuleOptions({ ...options.rules, ...nodes }, family)) }))
    : undefined;
  const view: ServiceExplainView = {
    service: report.services.find((candidate) => candidate.name === serviceName) ?? report.services[0],
    clusterIP: service.spec?.clusterIP ?? null,
    live,
    findings: report.findings.filter((finding) => finding.object.kind === 'Service' && finding.object.name === serviceName),
    notes: report.notes,
    networkPolicy: {
      state: snapshot.unavailable.includes('networkpolicies') ? 'forbidden' : snapshot.networkPolicies.some((entry) => entry.ref.namespace === analysis.entry.ref.namespace) ? 'read' : 'none',
      ports: serviceAccess(policyContextOf(snapshot), service, analysis.matched),
    },
    kubernetesVersion: snapshot.kubernetesVersion ?? defaultVersion(),
    dns: buildDnsView(service, slices, live.proxySource, options.clusterDomain),
    ...(rulesByFamily ? { rules: rulesByFamily[0].rules, rulesByFamily } : {}),
    ...(snapshot.ingresses || snapshot.gatewayRoutes ? { routedBy: routedBy(snapshot, report.findings, analysis.entry.ref) } : {}),
  };
  return { view, report };
}
