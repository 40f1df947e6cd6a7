import type { NetworkPolicy, NetworkPolicyPort, NetworkPolicyRule, PolicyDirection } from './types.js';

/**
 * The policy types the API server stores when none are given (SetDefaults_NetworkPolicy):
 * Ingress always, Egress too when the policy has egress rules.
 */
export function policyTypes(policy: NetworkPolicy): PolicyDirection[] {
  const given = policy.spec?.policyTypes;
  if (given && given.length > 0) return given.filter((type): type is PolicyDirection => type === 'Ingress' || type === 'Egress');
  return (policy.spec?.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The rules of one direction; a direction the policy does not isolate has none. */
export function rulesOf(policy: NetworkPolicy, direction: PolicyDirection): NetworkPolicyRule[] {
  return (direction === 'Ingress' ? policy.spec?.ingress : policy.spec?.egress) ?? [];
}

/** The peers of a rule: `from` for ingress, `to` for egress. */
export function peersOf(rule: NetworkPolicyRule, direction: PolicyDirection): NonNullable<NetworkPolicyRule['from']> {
  return (direction === 'Ingress' ? rule.from : rule.to) ?? [];
}

/** A policy port's protocol with its API default. */
export function policyPortProtocol(port: NetworkPolicyPort): string {
  return port.protocol || 'TCP';
}
