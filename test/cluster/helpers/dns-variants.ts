// What the DNS oracle adds to a generated scenario (scenario-generator.ts), drawn from a stream of its
// own so the scenario itself stays what the random-scenario suite runs: SCTP ports, ExternalNames that
// are IPs or end in a dot, hostnames on hand-made slice endpoints, an FQDN slice, Pods with a subdomain
// but no hostname (or a hostname but no subdomain), and headless selectorless Services with hand-made slices.
import type { V1Endpoint } from '@kubernetes/client-node';
import { rng, scenarioSeed, type Scenario } from './scenario-generator.js';

/** Changes `s` in place (deterministically for its seed and index) and returns it. */
export function withDnsVariants(s: Scenario): Scenario {
  const r = rng(scenarioSeed(s.seed, s.index) ^ 0x3c6ef372);
  const tags = new Set(s.tags);
  const spec = s.service;
  if (spec.type === 'ExternalName') {
    const pick = r();
    if (pick < 0.3) spec.externalName = '192.0.2.10';
    else if (pick < 0.6) spec.externalName = 'db.example.invalid.';
    tags.add(pick < 0.3 ? 'external-name-ip' : pick < 0.6 ? 'external-name-dot' : 'external-name-plain');
    s.tags = [...tags].sort();
    return s;
  }
  const ports = spec.ports ?? [];
  if (ports.length > 0 && r() < 0.2) {
    const port = ports[Math.floor(r() * ports.length)];
    if (!ports.some((other) => other.port === port.port && other.protocol === 'SCTP')) {
      port.protocol = 'SCTP';
      tags.add('sctp');
      // Some Pods declare the named target port as SCTP too, so the slices carry the SCTP port.
      for (const pod of s.pods) {
        for (const container of pod.containers) {
          for (const declared of container.ports ?? []) {
            if (declared.name === port.targetPort && r() < 0.6) declared.protocol = 'SCTP';
          }
        }
      }
    }
  }
  for (const subset of s.endpoints?.subsets ?? []) {
    for (const port of subset.ports ?? []) if (r() < 0.15) (port.protocol = 'SCTP'), tags.add('sctp-endpoints');
  }
  for (const pod of s.pods) {
    const pick = r();
    if (pod.hostname && pick < 0.15) {
      delete pod.subdomain;
      tags.add('hostname-without-subdomain');
    } else if (!pod.hostname && pick < 0.1) {
      pod.subdomain = s.name;
      tags.add('subdomain-without-hostname');
    }
  }
  for (const slice of s.extraSlices ?? []) {
    slice.endpoints.forEach((endpoint, k) => {
      if (r() < 0.5) (endpoint.hostname = `x${k}`), tags.add('hand-made-hostname');
    });
  }
  const headless = spec.clusterIP === 'None';
  if (headless && !spec.selector && r() < 0.5) {
    const endpoints: V1Endpoint[] = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => ({
      addresses: [`10.247.${s.index % 250}.${k + 1}`],
      ...(r() < 0.6 ? { hostname: `hand${k}` } : {}),
      conditions: r() < 0.7 ? { ready: true } : r() < 0.5 ? { ready: false } : {},
    }));
    const named = r() < 0.7;
    s.extraSlices = [...(s.extraSlices ?? []), {
      name: `${s.name}-dns-hand`, labels: { 'kubernetes.io/service-name': s.name }, addressType: 'IPv4', endpoints,
      ports: [{ ...(named ? { name: 'hand' } : {}), port: 7070, protocol: r() < 0.3 ? 'UDP' : 'TCP' }],
    }];
    tags.add('headless-hand-made-slice');
  }
  if (headless && r() < 0.08) {
    s.extraSlices = [...(s.extraSlices ?? []), {
      name: `${s.name}-dns-fqdn`, labels: { 'kubernetes.io/service-name': s.name }, addressType: 'FQDN',
      endpoints: [{ addresses: ['backend.example.invalid'], conditions: { ready: true } }], ports: [{ name: 'fq', port: 5432, protocol: 'TCP' }],
    }];
    tags.add('fqdn-slice');
  }
  s.tags = [...tags].sort();
  return s;
}
