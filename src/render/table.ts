import type { Finding, Report, ServiceExplanation } from '../core/report.js';
import { createPalette, type Palette } from './colors.js';
import { formatColumns } from './columns.js';
import { DEFAULT_WIDTH, wrapHanging, wrapIndented } from './wrap.js';
import { formatSelector } from '../core/selector.js';
import { forTerminal } from './terminal-safe.js';
import { groupFindings, serviceKey, sortServices } from './order.js';
import {
  describeResolution,
  formatLocation,
  formatMatch,
  formatNearMiss,
  formatServicePort,
  formatSummary,
} from './wording.js';

/** Colour comes from the caller (--color, NO_COLOR), never from chalk's own detection. */
export interface TableOptions {
  color: boolean;
  /** Adds file:line locations and shows suppressed findings, marked. */
  wide?: boolean;
  /** Display columns the findings are wrapped to (not with `wide`, which keeps one line each); default 80. */
  width?: number;
}

/** The default human output: each Service explained, then its findings, then a summary line. */
export const renderTable = forTerminal(tableText);

function tableText(report: Report, options: TableOptions): string {
  const palette = createPalette(options.color);
  const wide = options.wide ?? false;
  const layout: FindingLayout = { wide, width: options.width ?? DEFAULT_WIDTH };
  const { byService, others } = groupFindings(report);
  const blocks: string[] = [];

  if (report.notes.length > 0) blocks.push(report.notes.map((note) => palette.chalk.dim(`note: ${note}`)).join('\n'));
  for (const service of sortServices(report.services)) {
    const findings = byService.get(serviceKey(service.namespace, service.name)) ?? [];
    blocks.push(renderService(service, findings, palette, layout));
  }
  const otherLines = findingLines(others, palette, layout);
  if (otherLines.length > 0) blocks.push([palette.chalk.bold('Other objects'), ...otherLines].join('\n'));
  blocks.push(formatSummary(report.summary));
  return `${blocks.join('\n\n')}\n`;
}

/** `-o wide`: the table plus locations and suppressed findings. */
export const renderWide = forTerminal((report: Report, options: { color: boolean }) => tableText(report, { ...options, wide: true }));

const LABEL_WIDTH = 'Near misses: '.length;

function renderService(service: ServiceExplanation, findings: Finding[], palette: Palette, layout: FindingLayout): string {
  const { chalk } = palette;
  const { wide } = layout;
  const location = wide && service.location ? `  ${chalk.dim(formatLocation(service.location))}` : '';
  const lines = [`${chalk.bold(`Service ${service.namespace}/${service.name}`)} (${service.type})${location}`];
  const detail = (label: string, values: string[]): void => {
    values.forEach((value, index) => {
      const prefix = `  ${(index === 0 ? label : '').padEnd(LABEL_WIDTH)}`;
      lines.push(wide ? `${prefix}${value}` : wrapHanging(prefix, value, prefix.length, layout.width));
    });
  };

  detail('Selector:', [formatSelector(service.selector)]);
  if (service.selector !== null) {
    detail('Matches:', service.matches.length > 0 ? service.matches.map((match) => formatMatch(match, service.namespace)) : [chalk.red('none')]);
  }
  const hidden = service.nearMissTotal - service.nearMisses.length;
  if (service.nearMissTotal > 0) {
    detail(service.nearMissKind === 'weak' ? 'Not close:' : 'Near misses:', [
      ...service.nearMisses.map((nearMiss) => chalk.yellow(formatNearMiss(nearMiss, service.namespace))),
      ...(hidden > 0 ? [`+${hidden} more`] : []),
    ]);
  }
  if (service.ports.length === 0) detail('Ports:', ['none']);
  else lines.push(renderPortTable(service, palette, layout));

  const serviceFindings = findingLines(findings, palette, layout);
  if (serviceFindings.length > 0) lines.push('  Findings:', ...serviceFindings);
  return lines.join('\n');
}

/** One row per Service port and selected object: where each port's traffic ends up. */
function renderPortTable(service: ServiceExplanation, palette: Palette, layout: FindingLayout): string {
  const { chalk } = palette;
  const rows = [['PORT', 'TARGET PORT', 'RESOLVES TO'].map((title) => chalk.bold(title))];
  for (const port of service.ports) {
    const outcomes = port.resolutions.map((resolution) => {
      const { text, ok } = describeResolution(resolution, port, service.namespace);
      return ok ? text : chalk.red(text);
    });
    if (outcomes.length === 0) outcomes.push(chalk.dim(service.selector === null ? '(no selector: endpoints are managed by hand)' : '(no Pods selected)'));
    outcomes.forEach((outcome, index) => {
      rows.push(index === 0 ? [formatServicePort(port), String(port.targetPort), outcome] : ['', '', outcome]);
    });
  }
  return formatColumns(rows, { indent: '  ', ...(layout.wide ? {} : { width: layout.width }) }).join('\n');
}

/** Whether findings are one line each (wide) or wrapped to a width. */
interface FindingLayout {
  wide: boolean;
  width: number;
}

/** Where a wrapped message starts: under the check id, after "    severity  ". */
const MESSAGE_INDENT = '    '.length + 'warning'.length + 2;

/**
 * Wide: one line per finding, location at the end, suppressed ones marked. Default: severity,
 * check and file:line on the first line, the message below it wrapped to the width; suppressed
 * findings are left out (the summary still counts them).
 */
function findingLines(findings: Finding[], palette: Palette, layout: FindingLayout): string[] {
  return findings
    .filter((finding) => layout.wide || !finding.suppressed)
    .map((finding) => {
      const severity = palette.severity(finding.severity, finding.severity.padEnd('warning'.length));
      if (!layout.wide) {
        const location = finding.location ? `  ${palette.chalk.dim(formatLocation(finding.location))}` : '';
        return `    ${severity}  ${finding.check}${location}\n${wrapIndented(finding.message, MESSAGE_INDENT, layout.width)}`;
      }
      const location = finding.location ? `  ${palette.chalk.dim(`(${formatLocation(finding.location)})`)}` : '';
      const line = `    ${severity}  ${finding.check}  ${finding.message}${location}`;
      return finding.suppressed ? `${palette.chalk.dim(line)}  ${palette.chalk.dim('[suppressed]')}` : line;
    });
}

/** One Service block as lint prints it (selector, matches, port resolutions, its findings), for views that embed one. Not sanitised: callers are. */
export function serviceBlockText(service: ServiceExplanation, findings: Finding[], options: { color: boolean; width?: number }): string {
  return renderService(service, findings, createPalette(options.color), { wide: false, width: options.width ?? DEFAULT_WIDTH });
}
