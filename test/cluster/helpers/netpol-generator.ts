// Seeded random NetworkPolicy scenarios for the oracle comparison (issue 12): namespaces with labels,
// Pods with named and numbered ports, and 1-5 policies with ingress/egress rules, pod and namespace
// selectors (matchLabels and matchExpressions), ipBlocks with excepts, named ports, endPort ranges,
// and policyTypes given or left to the API server's defaulting.
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicyRule, LabelSelector } from '../../../src/core/network-policy/types.js';
import type { ContainerPort } from '../../../src/core/kubernetes-types.js';
import { rng, scenarioSeed } from './scenario-generator.js';

export interface PolicyScenarioPod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  ips: string[];
  ports: ContainerPort[];
}

export interface PolicyScenario {
  index: number;
  namespaces: Record<string, Record<string, string>>;
  pods: PolicyScenarioPod[];
  policies: NetworkPolicy[];
}

const PORTS: Array<{ name: string; number: number; protocol: string }> = [
  { name: 'http', number: 8080, protocol: 'TCP' },
  { name: 'https', number: 8443, protocol: 'TCP' },
  { name: 'metrics', number: 9090, protocol: 'TCP' },
  { name: 'dns', number: 53, protocol: 'UDP' },
  { name: 'grpc', number: 50051, protocol: 'TCP' },
  { name: 'syslog', number: 514, protocol: 'UDP' },
];

export function generatePolicyScenario(seed: number, index: number, namespaceNames: string[]): PolicyScenario {
  const r = rng(scenarioSeed(seed, index));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)];
  const chance = (p: number) => r() < p;
  const between = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

  const namespaces: Record<string, Record<string, string>> = {};
  for (const name of namespaceNames) {
    const labels: Record<string, string> = { 'kubernetes.io/metadata.name': name };
    if (chance(0.6)) labels.team = pick(['a', 'b']);
    if (chance(0.5)) labels.env = pick(['prod', 'dev']);
    namespaces[name] = labels;
  }

  const pods: PolicyScenarioPod[] = [];
  const podCount = between(2, 5);
  for (let i = 0; i < podCount; i++) {
    const labels: Record<string, string> = {};
    if (chance(0.85)) labels.app = pick(['web', 'api', 'db']);
    if (chance(0.5)) labels.tier = pick(['front', 'back']);
    const chosen = [...PORTS].sort(() => r() - 0.5).slice(0, between(0, 3));
    const ports = chosen.map((p): ContainerPort => ({ ...(chance(0.8) ? { name: p.name } : {}), containerPort: p.number, ...(p.protocol === 'TCP' && chance(0.5) ? {} : { protocol: p.protocol }) }));
    const ips = [`10.244.${index % 250}.${i + 10}`];
    if (chance(0.3)) ips.push(`fd00:10:244::${(index % 250).toString(16)}:${i + 10}`);
    pods.push({ name: `p${i}`, namespace: pick(namespaceNames), labels, ips, ports });
  }

  const selector = (keys: Record<string, string[]>): LabelSelector => {
    const s: LabelSelector = {};
    const key = pick(Object.keys(keys));
    if (chance(0.25)) return {};
    if (chance(0.6)) s.matchLabels = { [key]: pick(keys[key]) };
    if (chance(0.4)) {
      const other = pick(Object.keys(keys));
      const operator = pick(['In', 'NotIn', 'Exists', 'DoesNotExist']);
      s.matchExpressions = [{ key: other, operator, ...(operator === 'In' || operator === 'NotIn' ? { values: [pick(keys[other]), ...(chance(0.4) ? [pick(keys[other])] : [])].filter((v, i, a) => a.indexOf(v) === i) } : {}) }];
    }
    return s;
  };
  const podKeys = { app: ['web', 'api', 'db', 'cache'], tier: ['front', 'back'] };
  const namespaceKeys = { team: ['a', 'b', 'c'], env: ['prod', 'dev'], 'kubernetes.io/metadata.name': namespaceNames };

  const peer = (): NetworkPolicyPeer => {
    const kind = r();
    if (kind < 0.2) {
      const cidr = pick(['10.244.0.0/16', `10.244.${index % 250}.0/24`, `10.244.${index % 250}.8/29`, '0.0.0.0/0', 'fd00:10:244::/64', '::/0']);
      const except = cidr.includes(':') ? (chance(0.3) ? [`fd00:10:244::${(index % 250).toString(16)}:0/112`] : []) : chance(0.4) ? [`10.244.${index % 250}.${pick([8, 12])}/30`] : [];
      return { ipBlock: { cidr, ...(except.length ? { except } : {}) } };
    }
    if (kind < 0.5) return { podSelector: selector(podKeys) };
    if (kind < 0.75) return { namespaceSelector: selector(namespaceKeys) };
    return { podSelector: selector(podKeys), namespaceSelector: selector(namespaceKeys) };
  };
  const port = (): NetworkPolicyPort => {
    const p = pick(PORTS);
    const protocol = chance(0.3) ? {} : { protocol: chance(0.85) ? p.protocol : pick(['TCP', 'UDP']) };
    const kind = r();
    if (kind < 0.35) return { ...protocol, port: p.number };
    if (kind < 0.65) return { ...protocol, port: chance(0.9) ? p.name : 'nope' };
    if (kind < 0.85) {
      const start = pick([50, 500, 8000, 9000]);
      return { ...protocol, port: start, endPort: start + pick([10, 100, 1000, 45000]) };
    }
    return { protocol: p.protocol };
  };
  const rule = (direction: 'from' | 'to'): NetworkPolicyRule => {
    const out: NetworkPolicyRule = {};
    if (chance(0.7)) out[direction] = Array.from({ length: between(1, 2) }, peer);
    if (chance(0.6)) out.ports = Array.from({ length: between(1, 2) }, port);
    return out;
  };

  const policies: NetworkPolicy[] = [];
  const policyCount = between(1, 5);
  for (let i = 0; i < policyCount; i++) {
    const spec: NonNullable<NetworkPolicy['spec']> = { podSelector: selector(podKeys) };
    const types = pick([null, ['Ingress'], ['Egress'], ['Ingress', 'Egress']]);
    if (types) spec.policyTypes = types;
    if (!types || types.includes('Ingress') || chance(0.2)) {
      if (chance(0.85)) spec.ingress = Array.from({ length: between(0, 2) }, () => rule('from'));
    }
    if (!types || types.includes('Egress') || chance(0.2)) {
      if (chance(types ? 0.85 : 0.5)) spec.egress = Array.from({ length: between(0, 2) }, () => rule('to'));
    }
    policies.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `np${i}`, namespace: pick(namespaceNames) }, spec });
  }
  return { index, namespaces, pods, policies };
}
