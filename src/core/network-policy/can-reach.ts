import { findPort, servicePortProtocol } from '../find-port.js';
import type { LabelMap, Service } from '../kubernetes-types.js';
import { ipFamilyOf, type IpFamily } from '../predict/ip-address.js';
import type { ObjectRef, SnapshotPod } from '../snapshot.js';
import { evaluateConnection, evaluateDirection, type DirectionVerdict, type PolicyContext, type PolicyPod } from './evaluate.js';
import { NAMESPACE_NAME_LABEL, policyPodOf } from './policy-context.js';

/** One leg of the answer: a policy direction that decided, in words a user can act on. */
export interface Decision {
  allowed: boolean;
  /** Policies that isolate the Pod in this direction; empty: not isolated. */
  isolatedBy: string[];
  /** "policy/rule" of the rules that allow it. */
  allowedBy: string[];
  /** Set when denied: what rule would allow it. */
  fix: string | null;
}

/** The answer for one Service port on one target Pod. */
export interface TargetVerdict {
  pod: string;
  servicePort: string;
  port: number | null;
  protocol: string;
  allowed: boolean;
  egress: Decision;
  ingress: Decision;
  reason: string;
}

/** Whether the client can look up the Service name: egress to the cluster DNS Pods on port 53. */
export interface DnsVerdict {
  allowed: boolean;
  /** The DNS Pods checked, or null when none were in the input and kube-system k8s-app=kube-dns was assumed. */
  pods: string[] | null;
  egress: Decision;
}

/** can-reach's whole answer: DNS, then each target. */
export interface CanReachVerdict {
  client: { namespace: string; labels: LabelMap; pod: string | null };
  service: ObjectRef;
  dns: DnsVerdict;
  targets: TargetVerdict[];
  /** yes: every target Pod on every port; no: none; partly: some. */
  reachable: 'yes' | 'no' | 'partly';
  notes: string[];
}

/** The Pods kube-dns/CoreDNS run as in nearly every cluster; used when the input holds none. */
export const DNS_POD_LABELS: LabelMap = { 'k8s-app': 'kube-dns' };

/** Labels controllers and tests add per Pod or per rollout, which make a poor selector for a rule. */
const GENERATED_LABEL = /(^|\/)(pod-template-hash|controller-revision-hash|pod-template-generation|controller-uid|job-name|pod-name|pod-index|completion-index)$|^topology\.kubernetes\.io\//;

function selectorYaml(labels: LabelMap): string {
  const pairs = Object.entries(labels).filter(([key]) => !GENERATED_LABEL.test(key)).map(([key, value]) => `${key}: ${value}`);
  return pairs.length === 0 ? '{}' : `{matchLabels: {${pairs.join(', ')}}}`;
}

function decisionOf(verdict: DirectionVerdict, fix: string): Decision {
  return {
    allowed: verdict.allowed,
    isolatedBy: verdict.isolatedBy.map((ref) => ref.name),
    allowedBy: verdict.allowedBy.map((rule) => `${rule.policy.name}/${verdict.direction === 'Ingress' ? 'ingress' : 'egress'}[${rule.rule}]`),
    fix: verdict.allowed ? null : fix,
  };
}

function ingressFix(client: PolicyPod, server: PolicyPod, port: number, protocol: string): string {
  return `add to spec.ingress of a policy selecting ${server.ref.name}: {from: [{namespaceSelector: {matchLabels: {${NAMESPACE_NAME_LABEL}: ${client.namespace}}}, podSelector: ${selectorYaml(client.labels)}}], ports: [{port: ${port}, protocol: ${protocol}}]}`;
}

function egressFix(server: PolicyPod, port: number, protocol: string): string {
  return `add to spec.egress of a policy selecting the client: {to: [{namespaceSelector: {matchLabels: {${NAMESPACE_NAME_LABEL}: ${server.namespace}}}, podSelector: ${selectorYaml(server.labels)}}], ports: [{port: ${port}, protocol: ${protocol}}]}`;
}

function familyOf(client: PolicyPod, server: PolicyPod, service: Service): IpFamily | null {
  const given = service.spec?.ipFamilies?.[0];
  const wanted: IpFamily | null = given === 'IPv4' || given === 'IPv6' ? given : ipFamilyOf(service.spec?.clusterIP) ?? ipFamilyOf(server.ips[0]);
  if (wanted && (server.ips.length === 0 || server.ips.some((ip) => ipFamilyOf(ip) === wanted))) return wanted;
  return ipFamilyOf(server.ips.find((ip) => client.ips.length === 0 || client.ips.some((own) => ipFamilyOf(own) === ipFamilyOf(ip)))) ?? null;
}

function dnsVerdict(context: PolicyContext, client: PolicyPod, dnsPods: readonly SnapshotPod[]): DnsVerdict {
  const servers: PolicyPod[] = dnsPods.length > 0
    ? dnsPods.map(policyPodOf)
    : [{ ref: { kind: 'Pod', namespace: 'kube-system', name: 'kube-dns' }, namespace: 'kube-system', labels: DNS_POD_LABELS, ips: [], ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }] }];
  const verdicts = servers.map((server) => evaluateDirection(context, 'Egress', client, server, server, { port: 53, protocol: 'UDP', family: ipFamilyOf(client.ips[0]) }));
  const allowed = verdicts.find((verdict) => verdict.allowed) ?? verdicts[0];
  const fix = `add to spec.egress of a policy selecting the client: {to: [{namespaceSelector: {matchLabels: {${NAMESPACE_NAME_LABEL}: kube-system}}, podSelector: ${selectorYaml(DNS_POD_LABELS)}}], ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]}`;
  return { allowed: allowed.allowed, pods: dnsPods.length > 0 ? dnsPods.map((pod) => pod.ref.name) : null, egress: decisionOf(allowed, fix) };
}

/**
 * Can the client open connections to the Service? For every selected Pod and every Service port,
 * both the client's egress policies and the Pod's ingress policies must allow the resolved targetPort
 * (the port that reaches the Pod after kube-proxy's DNAT); and the client needs egress to cluster DNS
 * to resolve the Service name at all.
 */
export function canReach(
  context: PolicyContext,
  input: { client: PolicyPod; clientPod: string | null; service: Service; serviceRef: ObjectRef; pods: readonly SnapshotPod[]; dnsPods: readonly SnapshotPod[]; port?: string },
): CanReachVerdict {
  const notes: string[] = [];
  const ports = (input.service.spec?.ports ?? []).filter((port) => !input.port || port.name === input.port || String(port.port) === input.port);
  const targets: TargetVerdict[] = [];
  for (const servicePort of ports) {
    const protocol = servicePortProtocol(servicePort);
    const name = servicePort.name || String(servicePort.port);
    for (const pod of input.pods) {
      const server = policyPodOf(pod);
      const resolved = findPort(pod.spec, servicePort);
      if (!resolved) {
        const none: Decision = { allowed: false, isolatedBy: [], allowedBy: [], fix: null };
        targets.push({ pod: pod.ref.name, servicePort: name, port: null, protocol, allowed: false, egress: none, ingress: none, reason: `targetPort ${String(servicePort.targetPort)} does not resolve on this Pod, so the Service sends it nothing on this port` });
        continue;
      }
      const traffic = { port: resolved.port, protocol, family: familyOf(input.client, server, input.service) };
      const verdict = evaluateConnection(context, input.client, server, traffic);
      const egress = decisionOf(verdict.egress, egressFix(server, resolved.port, protocol));
      const ingress = decisionOf(verdict.ingress, ingressFix(input.client, server, resolved.port, protocol));
      if (verdict.egress.ipUnknown || verdict.ingress.ipUnknown) notes.push(`ipBlock rules could not be decided for ${pod.ref.name}: the input has no Pod IPs`);
      const reason = verdict.allowed
        ? `allowed (${[...egress.allowedBy, ...ingress.allowedBy].join(', ') || 'no policy isolates either side'})`
        : !verdict.egress.allowed
          ? `the client's egress is isolated by ${egress.isolatedBy.join(', ')} and no rule allows ${resolved.port}/${protocol} to ${pod.ref.name}`
          : `${pod.ref.name} is isolated for ingress by ${ingress.isolatedBy.join(', ')} and no rule allows ${resolved.port}/${protocol} from the client`;
      targets.push({ pod: pod.ref.name, servicePort: name, port: resolved.port, protocol, allowed: verdict.allowed, egress, ingress, reason });
    }
  }
  const dns = dnsVerdict(context, input.client, input.dnsPods);
  if (!input.dnsPods.length) notes.push('no cluster DNS Pods in the input: assumed Pods k8s-app=kube-dns in kube-system');
  const allowedCount = targets.filter((target) => target.allowed).length;
  const reachable = dns.allowed && targets.length > 0 && allowedCount === targets.length ? 'yes' : allowedCount === 0 ? 'no' : 'partly';
  return {
    client: { namespace: input.client.namespace, labels: input.client.labels, pod: input.clientPod },
    service: input.serviceRef,
    dns,
    targets,
    reachable,
    notes: [...new Set(notes)],
  };
}
