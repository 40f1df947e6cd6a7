import type { LabelSelector, Namespace, ObjectMeta } from '../kubernetes-types.js';

export type { LabelSelector, Namespace };

/** networking.k8s.io/v1 IPBlock: a CIDR minus exceptions. */
export interface IPBlock {
  cidr: string;
  except?: string[] | null;
}

/** One peer of a rule: an ipBlock, or pods chosen by a namespace and/or pod selector. */
export interface NetworkPolicyPeer {
  podSelector?: LabelSelector | null;
  namespaceSelector?: LabelSelector | null;
  ipBlock?: IPBlock | null;
}

/** One port of a rule: a number or a container port name, a protocol (default TCP), an optional range end. */
export interface NetworkPolicyPort {
  protocol?: string | null;
  port?: number | string | null;
  endPort?: number | null;
}

/** An ingress rule (`from`) or an egress rule (`to`); missing lists mean "every peer" / "every port". */
export interface NetworkPolicyRule {
  from?: NetworkPolicyPeer[] | null;
  to?: NetworkPolicyPeer[] | null;
  ports?: NetworkPolicyPort[] | null;
}

/** networking.k8s.io/v1 NetworkPolicy, the fields that decide who may connect. */
export interface NetworkPolicy {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: {
    podSelector?: LabelSelector | null;
    policyTypes?: string[] | null;
    ingress?: NetworkPolicyRule[] | null;
    egress?: NetworkPolicyRule[] | null;
  };
}

/** Ingress (traffic into the selected Pods) or egress (traffic they send). */
export type PolicyDirection = 'Ingress' | 'Egress';
