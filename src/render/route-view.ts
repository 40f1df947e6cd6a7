import type { RouteExplainView, RouteHopView, RouteParentView, RouteServiceView } from '../core/routes/route-chain.js';
import type { ServiceExplainView } from '../core/live/explain-view.js';
import type { Finding } from '../core/report.js';
import { createPalette, type Palette } from './colors.js';
import { renderExplain } from './explain.js';
import { sortFindings } from './order.js';
import { serviceBlockText } from './table.js';
import { forTerminal } from './terminal-safe.js';
import { formatLocation } from './wording.js';
import { DEFAULT_WIDTH } from './wrap.js';
import { findingLine } from './wrapped-finding.js';

interface RouteViewOptions {
  color: boolean;
  width?: number;
}

function mark(broken: boolean, palette: Palette): string {
  return broken ? palette.chalk.red('✗') : palette.chalk.green('✓');
}

function findingsUnder(findings: Finding[], palette: Palette, width: number): string[] {
  return sortFindings(findings)
    .filter((finding) => !finding.suppressed)
    .map((finding) => findingLine(finding, palette, width - 2).split('\n').map((line) => `  ${line}`).join('\n'));
}

/** "(weight 90, 90%)" for a Gateway backend; nothing for an Ingress path. */
function weightText(hop: RouteHopView): string {
  if (hop.weight === undefined) return '';
  return hop.weight === 0 ? ' (weight 0: no traffic)' : ` (weight ${hop.weight}, ${Math.round((hop.share ?? 0) * 1000) / 10}%)`;
}

function hopTarget(hop: RouteHopView): string {
  const port = hop.port.name !== undefined ? `port ${hop.port.name}` : hop.port.number !== undefined ? `port ${hop.port.number}` : 'no port';
  const service = `Service ${hop.service.namespace}/${hop.service.name} ${port}${weightText(hop)}`;
  if (!hop.serviceFound) return `${service}: no such Service`;
  if (!hop.servicePort) return `${service}: no such port`;
  const resolved = hop.servicePort;
  return `${service} → ${resolved.name ? `${resolved.name} ` : ''}${resolved.port}/${resolved.protocol} → targetPort ${resolved.targetPort}`;
}

function hopLines(hop: RouteHopView, palette: Palette, width: number): string[] {
  return [`  ${mark(hop.broken, palette)} ${hop.position} → ${hopTarget(hop)}`, ...findingsUnder(hop.findings, palette, width)];
}

function parentLines(parent: RouteParentView, palette: Palette, width: number): string[] {
  const { namespace, name, sectionName, port } = parent.gateway;
  const what = `Gateway ${namespace}/${name}${sectionName ? ` listener ${sectionName}` : ''}${port !== undefined ? ` port ${port}` : ''}`;
  const takers = parent.listeners.filter((listener) => listener.accepts === true).map((listener) => `${listener.name} (${listener.protocol} ${listener.port}${listener.hostname ? ` ${listener.hostname}` : ''})`);
  const state = parent.condition
    ? `${parent.condition.status === 'True' ? 'accepted' : 'not accepted'} by the controller${parent.condition.reason ? ` (${parent.condition.reason})` : ''}`
    : parent.state === 'accepted' ? `taken by listener ${takers.join(', ')}`
      : parent.state === 'not-gateway' ? 'not a Gateway: not followed'
        : parent.state === 'unknown' ? 'cannot tell from the input (a namespace selector on a Namespace not given)'
          : parent.problem ?? parent.state;
  const broken = parent.broken || parent.state === 'rejected' || parent.state === 'gateway-missing' || parent.condition?.status === 'False';
  return [`  ${mark(broken, palette)} ${parent.position} → ${what}: ${state}`, ...findingsUnder(parent.findings, palette, width)];
}

function isLive(view: RouteServiceView): view is ServiceExplainView {
  return view.live !== undefined;
}

/** One backend Service as `explain SERVICE` shows it (live), or as lint does (offline). */
function serviceSection(service: RouteServiceView, options: RouteViewOptions): string {
  return isLive(service) ? renderExplain(service, options).trimEnd() : serviceBlockText(service.service, service.findings, options);
}

function routeText(view: RouteExplainView, options: RouteViewOptions): string {
  const palette = createPalette(options.color);
  const width = options.width ?? DEFAULT_WIDTH;
  const { route } = view;
  const location = route.location ? `  ${palette.chalk.dim(formatLocation(route.location))}` : '';
  const klass = view.ingressClassName !== undefined ? ` (class ${view.ingressClassName ?? '<default>'})` : '';
  const head = [`${palette.chalk.bold(`${route.kind} ${route.namespace}/${route.name}`)}${klass}${location}`];
  if (view.hostnames.length > 0) head.push(`Hostnames: ${view.hostnames.map((host) => host || '*').join(', ')}`);
  const sections: string[][] = [head];
  if (view.notes.length > 0) sections.push(view.notes.map((note) => palette.chalk.dim(`note: ${note}`)));
  if (route.kind !== 'Ingress') {
    sections.push(view.parents.length > 0 ? ['Parents:', ...view.parents.flatMap((parent) => parentLines(parent, palette, width))] : [`Parents: ${palette.chalk.red('none (spec.parentRefs is empty: the route attaches nowhere)')}`]);
  }
  const backends = view.backends.length > 0 ? ['Backends:', ...view.backends.flatMap((hop) => hopLines(hop, palette, width))] : [`Backends: ${palette.chalk.yellow('none that is a Service')}`];
  for (const other of view.otherBackends) backends.push(`  ${palette.chalk.dim(`${other.position} → ${other.group ? `${other.group}/` : ''}${other.kind} ${other.name} (not a Service: not followed)`)}`);
  sections.push(backends);
  for (const service of view.services) sections.push([serviceSection(service, options)]);
  const findings = sortFindings(view.findings).filter((finding) => !finding.suppressed);
  if (findings.length > 0) sections.push(['Findings:', ...findings.map((finding) => findingLine(finding, palette, width))]);
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

/** `explain ingress/NAME`, `explain httproute/NAME` and the other route kinds as text: parents, each hop, each backend Service. */
export const renderRouteExplain = forTerminal(routeText);
