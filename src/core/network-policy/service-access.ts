import { findPort, servicePortProtocol, serviceTargetPort } from '../find-port.js';
import type { Service } from '../kubernetes-types.js';
import { ipFamilyOf } from '../predict/ip-address.js';
import { formatRef, type Entry, type SnapshotPod } from '../snapshot.js';
import { describePeer } from './describe-peer.js';
import { policiesSelecting, policyPortMatches, type PolicyContext, type PolicyTraffic } from './evaluate.js';
import { peersOf, rulesOf } from './policy-defaults.js';
import { policyPodOf } from './policy-context.js';
import type { NetworkPolicy } from './types.js';

/** One rule that lets some peers reach the port, in words. */
export interface AllowingPeers {
  policy: string;
  /** Index in spec.ingress. */
  rule: number;
  /** The peers the rule admits, described; empty when it admits every peer. */
  peers: string[];
}

/** Who may open connections to one Service port's targetPort on one Pod. */
export interface PodPortAccess {
  pod: string;
  /** The targetPort on this Pod, or null when the Service port does not resolve there. */
  port: number | null;
  /** NetworkPolicies that isolate the Pod for ingress; empty means every peer may connect. */
  isolatedBy: string[];
  /** everyone: not isolated, or a rule admits every peer; nobody: isolated and no rule admits this port; some: only the peers listed. */
  access: 'everyone' | 'nobody' | 'some' | 'no-port';
  allowedBy: AllowingPeers[];
}

/** The NetworkPolicy view of one Service port. */
export interface ServicePortAccess {
  port: string;
  protocol: string;
  targetPort: number | string;
  pods: PodPortAccess[];
}

function accessOf(context: PolicyContext, pod: SnapshotPod, port: number, protocol: string): Omit<PodPortAccess, 'pod' | 'port'> {
  const server = policyPodOf(pod);
  const traffic: PolicyTraffic = { port, protocol, family: ipFamilyOf(server.ips[0]) };
  const isolating: Entry<NetworkPolicy>[] = policiesSelecting(context, server, 'Ingress');
  if (isolating.length === 0) return { isolatedBy: [], access: 'everyone', allowedBy: [] };
  const allowedBy: AllowingPeers[] = [];
  for (const entry of isolating) {
    rulesOf(entry.object, 'Ingress').forEach((rule, index) => {
      const ports = rule.ports ?? [];
      if (ports.length > 0 && !ports.some((candidate) => policyPortMatches(candidate, traffic, server))) return;
      allowedBy.push({ policy: entry.ref.name, rule: index, peers: peersOf(rule, 'Ingress').map((peer) => describePeer(peer, entry.ref)) });
    });
  }
  const access = allowedBy.length === 0 ? 'nobody' : allowedBy.some((allowing) => allowing.peers.length === 0) ? 'everyone' : 'some';
  return { isolatedBy: isolating.map((entry) => entry.ref.name), access, allowedBy };
}

/**
 * For each port of a Service and each Pod it selects: which policies isolate the Pod and who may
 * connect to the port the Service really sends traffic to (the resolved targetPort, not the Service port).
 */
export function serviceAccess(context: PolicyContext, service: Service, pods: readonly SnapshotPod[]): ServicePortAccess[] {
  return (service.spec?.ports ?? []).map((servicePort) => {
    const protocol = servicePortProtocol(servicePort);
    return {
      port: servicePort.name || String(servicePort.port),
      protocol,
      targetPort: serviceTargetPort(servicePort),
      pods: pods.map((pod): PodPortAccess => {
        const resolved = findPort(pod.spec, servicePort);
        const name = pod.pod ? pod.ref.name : formatRef(pod.ref);
        if (!resolved) return { pod: name, port: null, isolatedBy: [], access: 'no-port', allowedBy: [] };
        return { pod: name, port: resolved.port, ...accessOf(context, pod, resolved.port, protocol) };
      }),
    };
  });
}
