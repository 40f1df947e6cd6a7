import type { CheckMeta } from '../core/check.js';
import type { Report } from '../core/report.js';
import { renderFindingLines } from '../render/finding-lines.js';
import { jsonParts, renderJson } from '../render/json.js';
import { TextParts } from '../render/json-parts.js';
import { renderJunit } from '../render/junit.js';
import { renderNames, renderYaml } from '../render/machine-formats.js';
import { sortServices } from '../render/order.js';
import { sarifParts } from '../render/sarif.js';
import { renderTable } from '../render/table.js';
import { exitCodeFor } from './exit-code.js';
import type { PackageInfo } from './package-info.js';
import type { ReportOptions } from './report-options.js';

/** What a command hands back to main(): the whole output, written at the end, and the exit code. */
export interface CommandOutcome {
  /** The text, or (a large JSON or SARIF report) its pieces, made from the finished report as they are written. */
  stdout: string | TextParts;
  exitCode: number;
  /** Error lines written after stdout (lint: files that could not be read; version: the server could not be asked). */
  stderr?: string;
}

/** What the renderers need beyond the flags. */
export interface PrintContext {
  checks: readonly CheckMeta[];
  packageInfo: PackageInfo;
  cwd: string;
}

/** Renders a Report in the chosen format and derives the exit code from --fail-on. */
export function printReport(report: Report, options: ReportOptions, context: PrintContext): CommandOutcome {
  return { stdout: render(report, options, context), exitCode: exitCodeFor(report, options.failOn) };
}

function render(report: Report, options: ReportOptions, context: PrintContext): string | TextParts {
  switch (options.output) {
    case 'table':
    case 'wide':
      if (options.quiet) return renderFindingLines(report, { color: options.color, failOn: options.failOn });
      return renderTable(report, { color: options.color, wide: options.output === 'wide', width: options.width });
    case 'json':
      return new TextParts(() => jsonParts(report));
    case 'yaml':
      return renderYaml(JSON.parse(renderJson(report)));
    case 'name':
      return renderNames('service', sortServices(report.services).map((service) => service.name));
    case 'sarif':
      return new TextParts(() => sarifParts(report, {
        checks: context.checks,
        version: context.packageInfo.version,
        cwd: context.cwd,
        informationUri: context.packageInfo.homepage,
      }));
    case 'junit':
      return renderJunit(report, { failOn: options.failOn });
  }
}

/** A command's standard output as one text (watch frames compare and redraw it whole). */
export function outcomeText(outcome: CommandOutcome): string {
  return typeof outcome.stdout === 'string' ? outcome.stdout : outcome.stdout.text();
}
