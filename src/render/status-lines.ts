import type { Finding, Report, ServiceExplanation } from '../core/report.js';
import { SEVERITIES } from '../core/report.js';
import { createPalette } from './colors.js';
import { groupFindings, serviceKey, sortServices } from './order.js';
import { formatSelector, formatSummary } from './wording.js';

/** `check`'s default output: one line per Service with its status, then its findings indented. */
export function renderStatusLines(report: Report, options: { color: boolean }): string {
  const palette = createPalette(options.color);
  const { byService, others } = groupFindings(report);
  const services = sortServices(report.services);
  const rows = services.map((service) => ({ service, findings: (byService.get(serviceKey(service.namespace, service.name)) ?? []).filter((f) => !f.suppressed) }));
  const nameWidth = Math.max(7, ...services.map((service) => `${service.namespace}/${service.name}`.length));
  const lines: string[] = [...report.notes.map((note) => palette.chalk.dim(`note: ${note}`))];
  lines.push(palette.chalk.bold(`${'SERVICE'.padEnd(nameWidth)}  ${'STATUS'.padEnd(7)}  ${'PODS'.padEnd(9)}  SELECTOR`));
  for (const { service, findings } of rows) {
    const worst = SEVERITIES.find((severity) => findings.some((finding) => finding.severity === severity));
    const status = worst === 'error' ? palette.severity('error', 'ERROR  ') : worst === 'warning' ? palette.severity('warning', 'WARNING') : palette.chalk.green('OK     ');
    lines.push(`${`${service.namespace}/${service.name}`.padEnd(nameWidth)}  ${status}  ${podCount(service).padEnd(9)}  ${formatSelector(service.selector)}`);
    for (const finding of findings) lines.push(findingLine(finding, palette));
  }
  for (const finding of others.filter((f) => !f.suppressed)) {
    lines.push(`${`${finding.object.kind} ${finding.object.namespace}/${finding.object.name}`}`);
    lines.push(findingLine(finding, palette));
  }
  lines.push('', formatSummary(report.summary));
  return `${lines.join('\n')}\n`;
}

/** "3/4 ready" for live Pods, "-" for a Service without selector. */
function podCount(service: ServiceExplanation): string {
  if (!service.selector) return '-';
  const ready = service.matches.filter((match) => match.ready).length;
  return `${ready}/${service.matches.length} ready`;
}

function findingLine(finding: Finding, palette: ReturnType<typeof createPalette>): string {
  return `  ${palette.severity(finding.severity, finding.severity.padEnd(7))}  ${finding.check}: ${finding.message}`;
}
