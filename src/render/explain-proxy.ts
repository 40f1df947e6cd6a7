/**
 * The proxy part of `explain`: one section per IP family kube-proxy programs, each frontend with where
 * it goes, and each backend with its share and the EndpointSlice (and manager) it came from.
 */
import type { LiveExplanation } from '../core/live/explain-live.js';
import type { ProxyBackend, ProxyTargets, ServicePortTargets } from '../core/predict/proxy-target-types.js';
import type { Palette } from './colors.js';

/** Which proxier and table a family's view belongs to: iptables/ip6tables, or nft table ip/ip6. */
function familyLabel(proxy: ProxyTargets): string {
  if (proxy.mode === 'nftables') return `${proxy.family}, nft table ${proxy.family === 'IPv6' ? 'ip6' : 'ip'} kube-proxy`;
  return `${proxy.family}, ${proxy.family === 'IPv6' ? 'ip6tables' : 'iptables'}`;
}

/** Where a backend came from: the slice and its manager, so a foreign or leftover slice shows itself. */
function backendSource(backend: ProxyBackend): string {
  const managedBy = backend.managedBy ?? 'no managed-by label';
  const also = backend.alsoIn?.length ? `; also in ${backend.alsoIn.join(', ')}` : '';
  return `from ${backend.slice} (${managedBy}${also})`;
}

/** nftables only: how the chain picks the backend, which changed between minors. */
const NFT_DISPATCH: Record<string, string> = { 'dnat-map': ' (numgen DNAT map)', dnat: ' (one DNAT, no map)', 'endpoint-chains': ' (numgen vmap to endpoint chains)' };

function frontendLines(port: ServicePortTargets, mode: ProxyTargets['mode'], palette: Palette): string[] {
  const lines: string[] = [];
  for (const frontend of port.frontends) {
    const where = frontend.address ? `${frontend.address}:${frontend.port}` : `<node IPs>:${frontend.port}`;
    const head = `    ${frontend.kind} ${where} (${frontend.policy} policy)`;
    if (frontend.unknown) {
      lines.push(`${head} → ${palette.chalk.yellow(frontend.unknown)}`);
      continue;
    }
    if (frontend.outcome !== 'forward') {
      lines.push(`${head} → ${palette.chalk.red(frontend.outcome === 'reject' ? 'REJECT: no endpoints' : 'DROP: no local endpoints')}`);
      continue;
    }
    const dispatch = mode === 'nftables' && frontend.dispatch ? NFT_DISPATCH[frontend.dispatch] : '';
    lines.push(`${head} → ${frontend.chain}${dispatch}`);
    for (const backend of frontend.backends) {
      const share = `${(backend.share * 100).toFixed(1)}%`.padStart(6);
      const chain = backend.chain ? ` ${backend.chain}` : '';
      const state = backend.terminating ? ' (terminating)' : '';
      lines.push(`      ${share}  ${backend.endpoint.padEnd(21)}${chain}${state}  ${palette.chalk.dim(backendSource(backend))}`.trimEnd());
    }
  }
  return lines;
}

/** Duplicate IP:ports whose kept copy depends on kube-proxy's unordered read of the slices (proxy-duplicates.ts). */
function readOrderNotes(port: ServicePortTargets, minor: string, palette: Palette): string[] {
  return port.endpoints.filter((e) => e.readOrderDecides).map((e) => palette.chalk.yellow(
    `    note: the copies of ${e.endpoint} in ${[e.slice, ...e.alsoIn].join(', ')} differ; kube-proxy ${minor} keeps one by the ` +
    `order it reads the slices in, which is not fixed (shown: the copy from ${e.slice}, ${e.terminating ? 'terminating' : e.ready ? 'ready' : 'not ready'})`));
}

function proxySection(proxy: ProxyTargets, source: LiveExplanation['proxySource'], palette: Palette, several: boolean, minor: string): string[] {
  if (proxy.skipped === 'external-name') return ['Proxy: none (ExternalName: cluster DNS answers with a CNAME)'];
  if (proxy.skipped === 'other-proxy') return ['Proxy: none from kube-proxy (label service.kubernetes.io/service-proxy-name: another proxy serves it)'];
  if (proxy.skipped === 'no-cluster-ip') {
    return [`Proxy${several ? ` (${proxy.family})` : ''}: none (headless: clients reach the Pod IPs directly through DNS)`];
  }
  const family = several ? `, ${familyLabel(proxy)}` : '';
  const lines = [`Proxy (kube-proxy ${minor}, ${proxy.mode} mode${family}${source === 'predicted' ? ', from the predicted EndpointSlices' : ''}):`];
  for (const port of proxy.ports) {
    const affinity = port.sessionAffinity.clientIP ? `, session affinity ClientIP ${port.sessionAffinity.timeoutSeconds}s` : '';
    lines.push(`  ${port.servicePortName} ${port.protocol.toUpperCase()}: ${port.chains.cluster}${affinity}`);
    lines.push(...readOrderNotes(port, minor, palette));
    lines.push(...frontendLines(port, proxy.mode, palette));
  }
  return lines;
}

/** The proxy sections of `explain`, primary family first; `minor` is the Kubernetes minor predicted for. */
export function proxySections(live: LiveExplanation, palette: Palette, minor: string): string[][] {
  const families = live.proxyByFamily?.length ? live.proxyByFamily : [live.proxy];
  if (families[0].skipped === 'external-name' || families[0].skipped === 'other-proxy') return [proxySection(families[0], live.proxySource, palette, false, minor)];
  return families.map((proxy) => proxySection(proxy, live.proxySource, palette, families.length > 1, minor));
}
