import type { Report, ServiceExplanation } from '../core/report.js';
import { SEVERITIES } from '../core/report.js';
import { createPalette } from './colors.js';
import { formatColumns } from './columns.js';
import { DEFAULT_WIDTH } from './wrap.js';
import { findingLine } from './wrapped-finding.js';
import { groupFindings, serviceKey, sortServices } from './order.js';
import { forTerminal } from './terminal-safe.js';
import { formatSummary } from './wording.js';
import { formatSelector } from '../core/selector.js';

/** `check`'s default output: one line per Service with its status, then its findings indented. */
export const renderStatusLines = forTerminal(statusLinesText);

function statusLinesText(report: Report, options: { color: boolean; width?: number }): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const palette = createPalette(options.color);
  const { byService, others } = groupFindings(report);
  const services = sortServices(report.services);
  const lines: string[] = [...report.notes.map((note) => palette.chalk.dim(`note: ${note}`))];
  const header = ['SERVICE', 'STATUS', 'PODS', 'SELECTOR'];
  const rows = services.map((service) => {
    const findings = (byService.get(serviceKey(service.namespace, service.name)) ?? []).filter((finding) => !finding.suppressed);
    const worst = SEVERITIES.find((severity) => findings.some((finding) => finding.severity === severity));
    const status = worst === undefined ? palette.chalk.green('OK') : palette.severity(worst, worst.toUpperCase());
    return { cells: [`${service.namespace}/${service.name}`, status, podCount(service), formatSelector(service.selector)], findings };
  });
  const laidOut = formatColumns([header, ...rows.map((row) => row.cells)], { gap: 2, width });
  lines.push(palette.chalk.bold(laidOut[0]));
  rows.forEach((row, i) => {
    lines.push(laidOut[i + 1]);
    for (const finding of row.findings) lines.push(findingLine(finding, palette, width));
  });
  for (const finding of others.filter((f) => !f.suppressed)) {
    lines.push(`${`${finding.object.kind} ${finding.object.namespace}/${finding.object.name}`}`);
    lines.push(findingLine(finding, palette, width));
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
