import path from 'node:path';
import type { CheckMeta } from '../core/check.js';
import type { Finding, Report, Severity } from '../core/report.js';
import type { SourceLocation } from '../core/snapshot.js';
import { jsonArrayParts } from './json-parts.js';
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
  return [...sarifParts(report, options)].join('');
}

/** renderSarif() in pieces, as they are written: the results are converted and printed a batch at a time. */
export function* sarifParts(report: Report, options: SarifOptions): Generator<string> {
  const rules = [...options.checks];
  // A rule's index is its first place in the list; a check missing from the registry gets a rule at the end.
  const ruleIndex = new Map<string, number>();
  for (const [index, rule] of rules.entries()) if (!ruleIndex.has(rule.id)) ruleIndex.set(rule.id, index);
  for (const finding of report.findings) {
    if (!ruleIndex.has(finding.check)) {
      ruleIndex.set(finding.check, rules.length);
      rules.push(unknownRule(finding));
    }
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
        results: [],
      },
    ],
  };
  // The results are the last key of the only run: the log's text up to them and after them, with the results between.
  const skeleton = JSON.stringify(log, null, 2);
  const at = skeleton.lastIndexOf(EMPTY_RESULTS) + EMPTY_RESULTS.length - 2;
  const uris = new Map<string, string>();
  const uriOf = (file: string) => uris.get(file) ?? uris.set(file, artifactUri(file, options.cwd)).get(file)!;
  yield skeleton.slice(0, at);
  yield* jsonArrayParts(sortFindings(report.findings), 4, (finding) => sarifResult(finding, ruleIndex.get(finding.check)!, uriOf));
  yield `${skeleton.slice(at + 2)}\n`;
}

/** How the results of the skeleton log print: its text ends with them and the closing brackets. */
const EMPTY_RESULTS = '"results": []';

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

function sarifResult(finding: Finding, ruleIndex: number, uriOf: (file: string) => string) {
  return {
    ruleId: finding.check,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    ...(finding.location ? { locations: [sarifLocation(finding.location, uriOf)] } : {}),
    ...(finding.suppressed ? { suppressions: [{ kind: finding.suppressedBy === 'flag' ? 'external' : 'inSource' }] } : {}),
  };
}

function sarifLocation(location: SourceLocation, uriOf: (file: string) => string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: uriOf(location.file) },
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
