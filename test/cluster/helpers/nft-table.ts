// kube-proxy's nftables table as `nft list table ip|ip6 kube-proxy` prints it, reduced to what the
// suite compares with svc-explain's nftables-mode prediction: the service-ips and service-nodeports
// map elements, and where each service chain sends traffic (DNAT targets, or endpoint chains with
// ClientIP affinity).
import type { EndpointSlice, Node, Service } from '../../../src/core/kubernetes-types.js';
import { computeProxyTargets, type ProxyFrontend } from '../../../src/core/predict/proxy-targets.js';
import { cluster } from './k8s.js';

export interface NftTable {
  /** "address . proto . port" → chain, from the service-ips map. */
  serviceIps: Map<string, string>;
  /** "proto . port" → chain, from the service-nodeports map. */
  serviceNodePorts: Map<string, string>;
  /** Rules of each chain, one line each. */
  chains: Map<string, string[]>;
}

/** The body of one `map NAME { ... }` or `chain NAME { ... }` block of the listing. */
function blocks(text: string, kind: 'map' | 'chain'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of text.split('\n')) {
    const open = new RegExp(`^\\t${kind} (\\S+) \\{$`).exec(line);
    if (open) out.set(open[1], (current = []));
    else if (line === '\t}') current = null;
    else if (current && line.trim()) current.push(line.trim());
  }
  return out;
}

function elements(lines: string[] | undefined, pattern: RegExp): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of (lines ?? []).join(' ').matchAll(pattern)) out.set(match[1], match[2]);
  return out;
}

export function parseNftTable(text: string): NftTable {
  const maps = blocks(text, 'map');
  return {
    serviceIps: elements(maps.get('service-ips'), /([0-9a-fA-F.:]+ \. (?:tcp|udp|sctp) \. \d+) : goto ([^\s,}]+)/g),
    serviceNodePorts: elements(maps.get('service-nodeports'), /((?:tcp|udp|sctp) \. \d+) : goto ([^\s,}]+)/g),
    chains: blocks(text, 'chain'),
  };
}

/**
 * Where a service chain sends traffic: endpoint chains (numgen vmap), "ip . port" targets of a numgen
 * DNAT map (from 1.36), or the one target of a plain "dnat to IP:PORT" (1.37, single endpoint).
 */
export function chainTargets(rules: string[] | undefined): { targets: string[]; dispatch: ProxyFrontend['dispatch'] } {
  const text = (rules ?? []).join('\n');
  const jumps = [...text.matchAll(/goto (endpoint-[^\s,}]+)/g)].map((m) => m[1]);
  const mapped = [...text.matchAll(/\d+ : ([0-9a-fA-F.:]+ \. \d+)/g)].map((m) => m[1]);
  // "dnat to 10.1.2.3:80" / "dnat to [fd00::1]:80" (ip6 addresses in brackets).
  const single = [...text.matchAll(/dnat (?:ip6? )?to \[?([0-9a-fA-F.:]+?)\]?:(\d+)(?:\s|$)/g)].map((m) => `${m[1]} . ${m[2]}`);
  const targets = [...new Set([...jumps, ...mapped, ...single])].sort();
  const dispatch = jumps.length > 0 ? 'endpoint-chains' : mapped.length > 0 ? 'dnat-map' : single.length > 0 ? 'dnat' : null;
  return { targets, dispatch };
}

/**
 * Differences between svc-explain's nftables-mode proxy targets for the Service on this node and the
 * real table: ClusterIP and NodePort map elements (present with the predicted chain, or absent), and
 * each used chain's targets.
 */
export function nftablesDifferences(
  service: Service,
  slices: EndpointSlice[],
  node: Node | undefined,
  table: NftTable,
  family: 'IPv4' | 'IPv6',
): { differences: string[]; compared: number; localChains: number } {
  const targets = computeProxyTargets(service, slices, {
    mode: 'nftables',
    family,
    // The minor of the running control plane: chain layout and rule shapes differ between minors.
    kubernetesMinor: cluster().kubernetesMinor,
    ...(node?.metadata.name ? { nodeName: node.metadata.name } : {}),
    ...(node?.metadata.labels ? { nodeLabels: node.metadata.labels } : {}),
  });
  const differences: string[] = [];
  let compared = 0;
  let localChains = 0;
  for (const port of targets.ports) {
    for (const frontend of port.frontends) {
      if (frontend.kind !== 'cluster-ip' && frontend.kind !== 'node-port') continue;
      const key = frontend.kind === 'cluster-ip' ? `${frontend.address} . ${port.protocol} . ${frontend.port}` : `${port.protocol} . ${frontend.port}`;
      const real = (frontend.kind === 'cluster-ip' ? table.serviceIps : table.serviceNodePorts).get(key) ?? null;
      compared += 1;
      if (real !== frontend.chain) {
        differences.push(`${frontend.kind} ${key}: predicted ${frontend.chain ?? 'no map element'}, nft has ${real ?? 'none'}`);
        continue;
      }
      if (!frontend.chain || frontend.kind !== 'cluster-ip') continue;
      if (frontend.chain.startsWith('local-')) localChains += 1;
      // The ClusterIP goes straight to the policy chain, whose rules pick the backend.
      const predicted = frontend.backends.map((backend) => backend.chain ?? `${backend.ip} . ${backend.port}`).sort();
      const actual = chainTargets(table.chains.get(frontend.chain));
      if (predicted.join() !== actual.targets.join()) differences.push(`${frontend.chain}: predicted targets [${predicted.join(', ')}], nft has [${actual.targets.join(', ')}]`);
      else if (frontend.dispatch !== actual.dispatch) differences.push(`${frontend.chain}: predicted ${frontend.dispatch}, nft has ${actual.dispatch}`);
    }
  }
  return { differences, compared, localChains };
}
