import type { ContainerPort, LabelMap } from '../kubernetes-types.js';
import { containerPortProtocol } from '../find-port.js';
import type { Entry, ObjectRef } from '../snapshot.js';
import { ipFamilyOf, type IpFamily } from '../predict/ip-address.js';
import { ipBlockContains } from './ip-block.js';
import { isEmptyLabelSelector, matchesLabelSelector } from '../label-selector.js';
import { peersOf, policyPortProtocol, policyTypes, rulesOf } from './policy-defaults.js';
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, PolicyDirection } from './types.js';

/** A Pod (or pod template) as NetworkPolicies see it: where it lives, its labels, IPs and declared ports. */
export interface PolicyPod {
  ref: ObjectRef;
  namespace: string;
  labels: LabelMap;
  /** Pod IPs; empty for templates, so ipBlock peers cannot be decided for them. */
  ips: string[];
  /** Declared container ports, which named ports in policy rules resolve to. */
  ports: ContainerPort[];
}

/** The destination of one connection attempt: a port number and protocol on the server Pod. */
export interface PolicyTraffic {
  port: number;
  protocol: string;
  /** The address family of the connection; decides which Pod IP ipBlocks are compared with. */
  family: IpFamily | null;
}

/** Everything policy evaluation reads, precomputed once per snapshot. */
export interface PolicyContext {
  policies: Entry<NetworkPolicy>[];
  /** A namespace's labels; unknown namespaces get only kubernetes.io/metadata.name, which the API server always sets. */
  namespaceLabels(namespace: string): LabelMap;
}

/** A rule (and, when the rule lists peers, the peer) that let the traffic through. */
export interface AllowingRule {
  policy: ObjectRef;
  /** Index in spec.ingress or spec.egress. */
  rule: number;
  /** Index in from/to, or null when the rule has no peers (it admits every peer). */
  peer: number | null;
}

/** The verdict of one direction: which policies isolate the Pod, and which rules allow the traffic. */
export interface DirectionVerdict {
  direction: PolicyDirection;
  /** Policies that select the Pod for this direction; none means it is not isolated. */
  isolatedBy: ObjectRef[];
  allowedBy: AllowingRule[];
  allowed: boolean;
  /** True when an ipBlock peer might have matched but the peer has no IP of the family (templates). */
  ipUnknown: boolean;
}

/** Policies of the Pod's namespace that select it and isolate the given direction. */
export function policiesSelecting(context: PolicyContext, pod: PolicyPod, direction: PolicyDirection): Entry<NetworkPolicy>[] {
  return context.policies.filter(
    (entry) =>
      entry.ref.namespace === pod.namespace &&
      policyTypes(entry.object).includes(direction) &&
      matchesLabelSelector(entry.object.spec?.podSelector ?? {}, pod.labels),
  );
}

function peerMatches(context: PolicyContext, policyNamespace: string, peer: NetworkPolicyPeer, other: PolicyPod, traffic: PolicyTraffic): boolean | 'ip-unknown' {
  if (peer.ipBlock) {
    const ips = other.ips.filter((ip) => traffic.family === null || ipFamilyOf(ip) === traffic.family);
    if (ips.length === 0) return 'ip-unknown';
    return ips.some((ip) => ipBlockContains(peer.ipBlock!, ip));
  }
  if (!peer.podSelector && !peer.namespaceSelector) return false; // rejected by the API server
  const namespaceOk = peer.namespaceSelector
    ? isEmptyLabelSelector(peer.namespaceSelector) || matchesLabelSelector(peer.namespaceSelector, context.namespaceLabels(other.namespace))
    : other.namespace === policyNamespace;
  return namespaceOk && (!peer.podSelector || matchesLabelSelector(peer.podSelector, other.labels));
}

/** Whether a rule port admits the traffic; named ports resolve on the server Pod (name, protocol and number). */
export function policyPortMatches(port: NetworkPolicyPort, traffic: PolicyTraffic, server: PolicyPod): boolean {
  const protocol = policyPortProtocol(port);
  if (protocol !== traffic.protocol) return false;
  if (port.port === undefined || port.port === null) return true;
  if (typeof port.port === 'number') {
    return port.endPort ? port.port <= traffic.port && traffic.port <= port.endPort : port.port === traffic.port;
  }
  return server.ports.some(
    (declared) => declared.name === port.port && containerPortProtocol(declared) === protocol && declared.containerPort === traffic.port,
  );
}

function rulePortsMatch(ports: NetworkPolicyPort[] | null | undefined, traffic: PolicyTraffic, server: PolicyPod): boolean {
  return !ports || ports.length === 0 || ports.some((port) => policyPortMatches(port, traffic, server));
}

/**
 * One direction of a connection as the NetworkPolicy API defines it: `subject` is the Pod whose
 * policies apply (the server for ingress, the client for egress), `peer` the other end. Not isolated
 * means allowed; isolated means allowed only when some rule of some selecting policy admits the peer
 * and the port. Named ports always resolve on the server, the Pod that receives the connection.
 */
export function evaluateDirection(
  context: PolicyContext,
  direction: PolicyDirection,
  subject: PolicyPod,
  peer: PolicyPod,
  server: PolicyPod,
  traffic: PolicyTraffic,
): DirectionVerdict {
  const selecting = policiesSelecting(context, subject, direction);
  const allowedBy: AllowingRule[] = [];
  let ipUnknown = false;
  for (const entry of selecting) {
    rulesOf(entry.object, direction).forEach((rule, ruleIndex) => {
      if (!rulePortsMatch(rule.ports, traffic, server)) return;
      const peers = peersOf(rule, direction);
      if (peers.length === 0) {
        allowedBy.push({ policy: entry.ref, rule: ruleIndex, peer: null });
        return;
      }
      peers.forEach((candidate, peerIndex) => {
        const match = peerMatches(context, entry.ref.namespace, candidate, peer, traffic);
        if (match === 'ip-unknown') ipUnknown = true;
        else if (match) allowedBy.push({ policy: entry.ref, rule: ruleIndex, peer: peerIndex });
      });
    });
  }
  return { direction, isolatedBy: selecting.map((entry) => entry.ref), allowedBy, allowed: selecting.length === 0 || allowedBy.length > 0, ipUnknown };
}

/** Both directions of client → server:port; the connection succeeds only when both allow it. */
export function evaluateConnection(context: PolicyContext, client: PolicyPod, server: PolicyPod, traffic: PolicyTraffic): { egress: DirectionVerdict; ingress: DirectionVerdict; allowed: boolean } {
  const egress = evaluateDirection(context, 'Egress', client, server, server, traffic);
  const ingress = evaluateDirection(context, 'Ingress', server, client, server, traffic);
  return { egress, ingress, allowed: egress.allowed && ingress.allowed };
}
