import path from 'node:path';
import type { CheckMeta } from '../core/check.js';
import type { Finding, Report, Severity } from '../core/report.js';
import type { SourceLocation } from '../core/snapshot.js';
import { sortFindings } from './order.js';

/** What SARIF needs beyond the Report: the rule catalogue, tool version and the base for relative paths. */
export interface SarifOptions {
  /** Every check, so each becomes a rule whether or not it fired. */
  checks: readonly CheckMeta[];
  /** The tool version, from package.json. */
  version: string;
  /** Directory that artifact URIs are made relative to (the repository root in CI). */
  cwd: string;
  /** The project's home page, when package.json names one. */
  informationUri?: string;
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** `-o sarif`: SARIF 2.1.0 as GitHub code scanning accepts it, one rule per check. */
export function renderSarif(report: Report, options: SarifOptions): string {
  const rules = [...options.checks];
  for (const finding of report.findings) {
    if (!rules.some((rule) => rule.id === finding.check)) rules.push(unknownRule(finding));
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'svc-explain',
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            version: options.version,
            semanticVersion: options.version,
            rules: rules.map(sarifRule),
          },
        },
        results: sortFindings(report.findings).map((finding) =>
          sarifResult(finding, rules.findIndex((rule) => rule.id === finding.check), options.cwd),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifRule(check: CheckMeta) {
  return {
    id: check.id,
    name: ruleName(check.id),
    shortDescription: { text: check.title },
    fullDescription: { text: check.help },
    help: { text: check.help, markdown: `**${check.title}**\n\n${check.help}` },
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: { tags: ['kubernetes', 'service', ...check.modes.map((mode) => `mode:${mode}`)] },
  };
}

function sarifResult(finding: Finding, ruleIndex: number, cwd: string) {
  return {
    ruleId: finding.check,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    ...(finding.location ? { locations: [sarifLocation(finding.location, cwd)] } : {}),
    ...(finding.suppressed ? { suppressions: [{ kind: finding.suppressedBy === 'flag' ? 'external' : 'inSource' }] } : {}),
  };
}

function sarifLocation(location: SourceLocation, cwd: string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(location.file, cwd) },
      region: { startLine: location.line },
    },
  };
}

/** Names standard input may carry in a location; it becomes the literal URI "stdin". */
const STDIN_NAMES = new Set(['-', 'stdin', '<stdin>', '(stdin)']);

/** A relative, posix, percent-encoded URI, which GitHub resolves against the repository root. */
export function artifactUri(file: string, cwd: string): string {
  if (STDIN_NAMES.has(file)) return 'stdin';
  const relative = path.isAbsolute(file) ? path.relative(cwd, file) : path.normalize(file);
  // encodeURIComponent throws on a lone surrogate, which a file name can carry: it becomes U+FFFD.
  return relative.split(/[\\/]+/).map((segment) => encodeURIComponent(segment.replace(/\p{Cs}/gu, '\uFFFD'))).join('/');
}

/** `no-matching-pods` → `NoMatchingPods`, the readable name SARIF viewers show next to the id. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

/** A finding whose check is not in the registry still needs a rule for its ruleIndex. */
function unknownRule(finding: Finding): CheckMeta {
  return { id: finding.check, severity: finding.severity, title: finding.check, modes: [], help: finding.check };
}
