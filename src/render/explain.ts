import type { LiveExplanation } from '../core/live/explain-live.js';
import type { ServiceExplainView } from '../core/live/explain-view.js';
import type { EndpointSlice, Endpoints, SliceEndpoint } from '../core/kubernetes-types.js';
import { networkPolicySection } from './network-policy-view.js';
import { createPalette, type Palette } from './colors.js';
import { formatColumns } from './columns.js';
import { sortFindings } from './order.js';
import { forTerminal } from './terminal-safe.js';
import { DEFAULT_WIDTH, wrapLine } from './wrap.js';
import { findingLine } from './wrapped-finding.js';
import { describeResolution, formatNearMiss, formatServicePort } from './wording.js';
import { proxySections } from './explain-proxy.js';
import { routedBySection } from './routed-by-view.js';
import { dnsSection } from './explain-dns.js';
import { formatSelector } from '../core/selector.js';
import { LABEL_MANAGED_BY } from '../core/predict/service-facts.js';

/** The Pod's Node, marked when it does not exist or when Nodes could not be read. */
function nodeText(pod: LiveExplanation['pods'][number]): string {
  if (!pod.node) return '<none>';
  if (pod.nodeStatus === 'missing') return `${pod.node} (no such Node)`;
  if (pod.nodeStatus === 'unknown') return `${pod.node} (Node unknown)`;
  return pod.node;
}

function podsSection(view: ServiceExplainView, palette: Palette): string[] {
  const { service, live } = view;
  if (!service.selector) return [`Pods: ${palette.chalk.dim('none selected: the Service has no selector (endpoints are managed by hand)')}`];
  const ready = live.pods.filter((pod) => pod.ready).length;
  const lines = [`Pods: ${live.pods.length} selected, ${ready} ready`];
  if (live.pods.length > 0) {
    const rows = [['NAME', 'READY', 'PHASE', 'IP', 'NODE', 'WORKLOAD']];
    for (const pod of live.pods) {
      const readyText = pod.terminating ? 'terminating' : pod.ready ? 'yes' : 'no';
      rows.push([pod.name, readyText, pod.phase, pod.ip ?? '<none>', nodeText(pod), pod.workload ? `${pod.workload.kind} ${pod.workload.name}` : '-']);
    }
    lines.push(...formatColumns(rows, { indent: '  ', gap: 2 }).map((line, i) => (i === 0 ? palette.chalk.bold(line) : line)));
    for (const pod of live.pods) {
      if (pod.notReadyReasons.length > 0) lines.push(`  ${palette.chalk.yellow(`${pod.name}: ${pod.notReadyReasons.join('; ')}`)}`);
    }
  }
  if (service.nearMisses.length > 0) {
    lines.push(service.nearMissKind === 'weak' ? 'Nothing is close; the nearest other values:' : 'Near misses (one label away):');
    for (const nearMiss of service.nearMisses) lines.push(`  ${palette.chalk.yellow(formatNearMiss(nearMiss, service.namespace))}`);
    if (service.nearMissTotal > service.nearMisses.length) lines.push(`  +${service.nearMissTotal - service.nearMisses.length} more`);
  }
  return lines;
}

function portsSection(view: ServiceExplainView, palette: Palette): string[] {
  const lines = ['Ports:'];
  for (const port of view.service.ports) {
    lines.push(`  ${formatServicePort(port)} → targetPort ${port.targetPort}`);
    for (const resolution of port.resolutions) {
      const { text, ok } = describeResolution(resolution, port, view.service.namespace);
      lines.push(`    ${ok ? text : palette.chalk.red(text)}`);
    }
  }
  return lines;
}

/** An endpoint's conditions as kube-proxy reads them (unset ready/serving count as true), then where it lives. */
function describeEndpoint(endpoint: SliceEndpoint): string[] {
  const conditions = endpoint.conditions ?? {};
  const terminating = conditions.terminating === true;
  const serving = conditions.serving !== false;
  const state = conditions.ready !== false ? 'ready' : terminating ? (serving ? 'terminating, serving' : 'terminating') : 'not ready';
  return [state, ...(endpoint.hostname ? [`hostname ${endpoint.hostname}`] : []), ...(endpoint.zone ? [endpoint.zone] : [])];
}

function sliceLines(slices: EndpointSlice[]): string[] {
  if (slices.length === 0) return ['    (none)'];
  return slices.map((slice) => {
    const ports = (slice.ports ?? []).map((port) => `${port.name ? `${port.name} ` : ''}${port.port}/${port.protocol ?? 'TCP'}`).join(', ') || 'no ports';
    const endpoints = (slice.endpoints ?? []).map((endpoint) => {
      return `${endpoint.addresses.join('/')}${endpoint.targetRef?.name ? ` ${endpoint.targetRef.name}` : ''} (${describeEndpoint(endpoint).join(', ')})`;
    });
    return `    ${slice.addressType} [${ports}]: ${endpoints.join('; ') || 'no endpoints'}`;
  });
}

function endpointsLines(endpoints: Endpoints | null): string[] {
  if (!endpoints) return ['    (none)'];
  if ((endpoints.subsets ?? []).length === 0) return ['    (no subsets: no addresses)'];
  return (endpoints.subsets ?? []).map((subset) => {
    const ports = (subset.ports ?? []).map((port) => `${port.name ? `${port.name} ` : ''}${port.port}/${port.protocol ?? 'TCP'}`).join(', ') || 'no ports';
    const ready = (subset.addresses ?? []).map((address) => address.ip).join(', ') || '-';
    const notReady = (subset.notReadyAddresses ?? []).map((address) => address.ip).join(', ') || '-';
    return `    [${ports}] ready: ${ready}; not ready: ${notReady}`;
  });
}

function comparisonHeader(title: string, managed: boolean, unavailable: boolean, differences: number, palette: Palette): string {
  if (unavailable) return `${title}: ${palette.chalk.yellow('could not be read (forbidden)')}`;
  if (!managed) return `${title}: ${palette.chalk.dim('not generated by Kubernetes for this Service')}`;
  return `${title}: ${differences === 0 ? palette.chalk.green('as predicted') : palette.chalk.yellow(`${differences} difference${differences === 1 ? '' : 's'} from the prediction`)}`;
}

function endpointSection(view: ServiceExplainView, palette: Palette): string[] {
  const { endpointSlices, endpoints } = view.live;
  const lines = [comparisonHeader('EndpointSlices', endpointSlices.managed, endpointSlices.unavailable, endpointSlices.differences.length, palette)];
  lines.push('  actual:', ...sliceLines(endpointSlices.actual));
  if (endpointSlices.differences.length > 0) {
    lines.push('  predicted:', ...sliceLines(endpointSlices.predicted));
    for (const difference of endpointSlices.differences) lines.push(`  ${palette.chalk.yellow('≠')} ${difference.message}`);
  }
  const own = new Set(endpointSlices.actual.map((slice) => slice.metadata.name));
  const others = view.live.proxySource === 'actual' ? (view.live.proxySlices ?? []).filter((slice) => !own.has(slice.metadata.name)) : [];
  if (others.length > 0) {
    lines.push(`  other slices with label kubernetes.io/service-name=${view.service.name} (kube-proxy reads them too; not compared):`);
    for (const slice of others) {
      const managedBy = slice.metadata.labels?.[LABEL_MANAGED_BY] ?? 'no managed-by label';
      lines.push(`   ${slice.metadata.name} (${managedBy}):`, ...sliceLines([slice]).map((line) => ` ${line}`));
    }
  }
  if (view.live.nodesUnknown && endpointSlices.managed) lines.push(`  ${palette.chalk.dim('zones and hints not compared: nodes are not readable')}`);
  for (const skipped of endpointSlices.skippedPods) lines.push(`  ${palette.chalk.dim(`Pod ${skipped.pod} gets no endpoint: ${skipped.reason}`)}`);
  if (endpoints.managed || endpoints.actual) {
    lines.push(comparisonHeader('Endpoints', endpoints.managed || endpoints.actual !== null, endpoints.unavailable, endpoints.differences.length, palette));
    lines.push('  actual:', ...endpointsLines(endpoints.actual));
    for (const difference of endpoints.differences) lines.push(`  ${palette.chalk.yellow('≠')} ${difference.message}`);
  }
  return lines;
}

function rulesSections(view: ServiceExplainView): string[][] {
  const byFamily = view.rulesByFamily ?? (view.rules ? [{ family: 'IPv4' as const, rules: view.rules }] : []);
  return byFamily.map(({ family, rules }) => {
    const tool = byFamily.length > 1 && family === 'IPv6' ? 'ip6tables-save' : 'iptables-save';
    const title = byFamily.length > 1 ? `Predicted ${tool} rules for this Service (${family}):` : 'Predicted iptables-save rules for this Service:';
    return [title, ...rules.map((rule) => `  ${rule}`)];
  });
}

/** `explain SERVICE` as text: selector, Pods, near misses, ports, endpoint objects, proxy targets, findings. */
export const renderExplain = forTerminal(explainText);

function explainText(view: ServiceExplainView, options: { color: boolean; width?: number }): string {
  const palette = createPalette(options.color);
  const { service } = view;
  const header = `${palette.chalk.bold(`Service ${service.namespace}/${service.name}`)} (${service.type}${view.clusterIP ? ` ${view.clusterIP}` : ''})`;
  const sections = [
    [header, `Selector: ${formatSelector(service.selector)}`],
    ...(view.notes.length > 0 ? [view.notes.map((note) => palette.chalk.dim(`note: ${note}`))] : []),
    podsSection(view, palette),
    portsSection(view, palette),
    endpointSection(view, palette).map((line) => wrapLine(line, options.width ?? DEFAULT_WIDTH)),
    ...proxySections(view.live, palette, view.kubernetesVersion.minor),
    networkPolicySection(view.networkPolicy.ports, view.networkPolicy.state, palette),
    routedBySection(view.routedBy, palette, options.width ?? DEFAULT_WIDTH),
    dnsSection(view.dns, palette),
  ].filter((lines) => lines.length > 0);
  const findings = sortFindings(view.findings).filter((finding) => !finding.suppressed);
  sections.push(
    findings.length === 0
      ? [`Findings: ${palette.chalk.green('none')}`]
      : ['Findings:', ...findings.map((finding) => findingLine(finding, palette, options.width ?? DEFAULT_WIDTH))],
  );
  sections.push(...rulesSections(view));
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
