// The whole proxy view of `explain -o json` (every family, port, frontend, backend and share) checked
// against kube-proxy's real rules: iptables-save / ip6tables-save for the iptables-mode kube-proxy, and
// `nft list table ip|ip6 kube-proxy` for the nftables-mode one. Not the chains a prediction names: the
// frontends' real jumps are followed to the balancing chain and its probabilities turned into shares.
import type { ProxyFrontend, ProxyTargets, ServicePortTargets } from '../../../src/core/predict/proxy-target-types.js';
import type { NatTable } from './k8s.js';
import type { NftTable } from './nft-table.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The KUBE-SERVICES / KUBE-NODEPORTS rule that captures a frontend, as "-j TARGET", or null. */
function realJump(nat: NatTable, port: ServicePortTargets, frontend: ProxyFrontend, family: 'IPv4' | 'IPv6'): string | null {
  const proto = port.protocol.toLowerCase();
  const chain = frontend.kind === 'node-port' ? 'KUBE-NODEPORTS' : 'KUBE-SERVICES';
  const dest = frontend.address ? new RegExp(`-d ${escapeRe(frontend.address)}/${family === 'IPv6' ? 128 : 32} `) : null;
  const rule = (nat.rules.get(chain) ?? []).find((r) =>
    (!dest || dest.test(r)) && r.includes(`-p ${proto} `) && new RegExp(`--dport ${frontend.port}( |$)`).test(r) && / -j KUBE-(SVC|SVL|EXT|FW)-/.test(r));
  return rule ? rule.slice(rule.lastIndexOf('-j ') + 3) : null;
}

/** From a frontend's chain to the chain that balances: KUBE-FW → KUBE-EXT → KUBE-SVC/SVL by their last jump. */
function balancingChain(nat: NatTable, chain: string): string {
  let current = chain;
  for (let hops = 0; hops < 3 && /^KUBE-(EXT|FW)-/.test(current); hops++) {
    const jumps = (nat.rules.get(current) ?? []).map((r) => / -j (KUBE-(?:SVC|SVL|EXT)-\S+)$/.exec(` ${r}`)?.[1]).filter(Boolean) as string[];
    if (jumps.length === 0) return current;
    current = jumps[jumps.length - 1];
  }
  return current;
}

/** The backends of a balancing chain with the share each gets, from its --probability rules in order. */
export function realShares(nat: NatTable, chain: string): Array<{ sep: string; share: number }> {
  const rules = (nat.rules.get(chain) ?? []).filter((r) => / -j KUBE-SEP-[A-Z2-7]{16}$/.test(r) && !r.includes('-m recent'));
  let remaining = 1;
  return rules.map((r) => {
    const probability = Number(/--probability (\S+)/.exec(r)?.[1] ?? 1);
    const share = remaining * probability;
    remaining -= share;
    return { sep: r.slice(r.lastIndexOf('-j ') + 3), share };
  });
}

function dnatTarget(nat: NatTable, sep: string): string | null {
  const rule = (nat.rules.get(sep) ?? []).find((r) => r.includes('-j DNAT'));
  return rule ? (/--to-destination (\S+)/.exec(rule)?.[1] ?? null) : null;
}

/** Every difference between one family's iptables-mode view and the real nat and filter tables. */
export function iptablesViewDifferences(view: ProxyTargets, nat: NatTable, filter: NatTable): { differences: string[]; frontends: number; backends: number } {
  const differences: string[] = [];
  let frontends = 0;
  let backends = 0;
  for (const port of view.ports) {
    for (const frontend of port.frontends) {
      frontends += 1;
      const where = `${view.family} ${port.servicePortName} ${frontend.kind} ${frontend.address ?? '<node>'}:${frontend.port}`;
      const jump = realJump(nat, port, frontend, view.family);
      if (jump !== frontend.chain) {
        differences.push(`${where}: explain says ${frontend.chain ?? 'no jump'} (${frontend.outcome}), nat has ${jump ?? 'no jump'}`);
        continue;
      }
      if (!frontend.chain) {
        const verdict = frontend.outcome === 'reject' ? 'REJECT' : 'DROP';
        const port_ = new RegExp(`--dport ${frontend.port}( |$)`);
        const found = [...filter.rules.values()].flat().some((r) => r.includes(`-j ${verdict}`) && port_.test(r) && (!frontend.address || r.includes(frontend.address)));
        if (frontend.outcome !== 'forward' && !found) differences.push(`${where}: explain says ${frontend.outcome}, the filter table has no ${verdict}`);
        continue;
      }
      if (frontend.outcome !== 'forward') continue;
      const real = realShares(nat, balancingChain(nat, frontend.chain));
      const want = frontend.backends.map((b) => `${b.chain} ${b.share.toFixed(4)} ${b.endpoint}`);
      const got = real.map((r) => `${r.sep} ${r.share.toFixed(4)} ${dnatTarget(nat, r.sep) ?? '?'}`);
      backends += got.length;
      const same = want.length === got.length && frontend.backends.every((b, i) =>
        b.chain === real[i].sep && Math.abs(b.share - real[i].share) < 1e-6 && b.endpoint === dnatTarget(nat, real[i].sep));
      if (!same) differences.push(`${where}: backends\n      explain ${want.join('; ') || 'none'}\n      real    ${got.join('; ') || 'none'}`);
    }
  }
  return { differences, frontends, backends };
}

/** Where an nft service chain sends traffic: "ip . port" DNAT targets, or endpoint chains (ClientIP affinity). */
function nftTargets(table: NftTable, chain: string): string[] {
  const text = (table.chains.get(chain) ?? []).join('\n');
  const jumps = [...text.matchAll(/goto (endpoint-[^\s,}]+)/g)].map((m) => m[1]);
  const dnat = [...text.matchAll(/\d+ : ([0-9a-fA-F.:]+ \. \d+)/g)].map((m) => m[1]);
  const single = [...text.matchAll(/dnat (?:ip6? )?to (\[?[0-9a-fA-F.:]+\]?):(\d+)/g)].map((m) => `${m[1].replace(/^\[|\]$/g, '')} . ${m[2]}`);
  return [...new Set([...jumps, ...dnat, ...single])].sort();
}

/** Every difference between one family's nftables-mode view and the real table (ClusterIPs and NodePorts). */
export function nftablesViewDifferences(view: ProxyTargets, table: NftTable): { differences: string[]; frontends: number } {
  const differences: string[] = [];
  let frontends = 0;
  for (const port of view.ports) {
    for (const frontend of port.frontends) {
      if (frontend.kind !== 'cluster-ip' && frontend.kind !== 'node-port') continue;
      frontends += 1;
      const key = frontend.kind === 'cluster-ip' ? `${frontend.address} . ${port.protocol} . ${frontend.port}` : `${port.protocol} . ${frontend.port}`;
      const real = (frontend.kind === 'cluster-ip' ? table.serviceIps : table.serviceNodePorts).get(key) ?? null;
      const where = `${view.family} ${frontend.kind} ${key}`;
      if (real !== frontend.chain) {
        differences.push(`${where}: explain says ${frontend.chain ?? 'no map element'}, nft has ${real ?? 'none'}`);
        continue;
      }
      if (!frontend.chain || frontend.outcome !== 'forward' || frontend.kind !== 'cluster-ip') continue;
      const want = frontend.backends.map((b) => b.chain ?? `${b.ip} . ${b.port}`).sort();
      const got = nftTargets(table, frontend.chain);
      if (want.join() !== got.join()) differences.push(`${frontend.chain}: explain says [${want.join(', ')}], nft has [${got.join(', ')}]`);
    }
  }
  return { differences, frontends };
}
