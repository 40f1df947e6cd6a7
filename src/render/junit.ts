import type { Finding, Report } from '../core/report.js';
import { formatRef } from '../core/snapshot.js';
import { failsRun, type FailOn } from './fail-on.js';
import { compareRefs, groupFindings, serviceKey, sortServices } from './order.js';
import { escapeForTerminal } from './terminal-safe.js';
import { formatLocation } from './wording.js';

/** JUnit has pass/fail only, so --fail-on decides which findings are failures. */
export interface JunitOptions {
  /** Findings at or above this severity (and not suppressed) become failures. */
  failOn: FailOn;
}

interface TestCase {
  classname: string;
  name: string;
  findings: Finding[];
}

/**
 * `-o junit`: one testcase per Service (classname = namespace) and one per other object with findings,
 * so CI dashboards list what was checked, not only what failed.
 */
export function renderJunit(report: Report, options: JunitOptions): string {
  const { byService, others } = groupFindings(report);
  const cases: TestCase[] = sortServices(report.services).map((service) => ({
    classname: service.namespace,
    name: service.name,
    findings: byService.get(serviceKey(service.namespace, service.name)) ?? [],
  }));
  const otherObjects = new Map<string, Finding[]>();
  for (const finding of [...others].sort((a, b) => compareRefs(a.object, b.object))) {
    const key = formatRef(finding.object);
    otherObjects.set(key, [...(otherObjects.get(key) ?? []), finding]);
  }
  for (const findings of otherObjects.values()) {
    const { kind, namespace, name } = findings[0].object;
    cases.push({ classname: namespace, name: `${kind}/${name}`, findings });
  }

  const failing = (testCase: TestCase) => testCase.findings.filter((finding) => failsRun(finding, options.failOn));
  const failures = cases.filter((testCase) => failing(testCase).length > 0).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="svc-explain" tests="${cases.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="svc-explain" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
  ];
  for (const testCase of cases) {
    const attributes = `classname="${escapeXml(testCase.classname)}" name="${escapeXml(testCase.name)}"`;
    const failed = failing(testCase);
    const passed = testCase.findings.filter((finding) => !failed.includes(finding));
    if (failed.length === 0 && passed.length === 0) {
      lines.push(`    <testcase ${attributes}/>`);
      continue;
    }
    lines.push(`    <testcase ${attributes}>`);
    for (const finding of failed) {
      lines.push(
        `      <failure message="${escapeXml(finding.message)}" type="${escapeXml(finding.check)}">${escapeXml(failureText(finding))}</failure>`,
      );
    }
    if (passed.length > 0) {
      lines.push(`      <system-out>${passed.map((finding) => escapeXml(failureText(finding))).join('\n')}</system-out>`);
    }
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** `error selector-matches-nothing: <message> (web.yaml:3)`, marked when suppressed. */
function failureText(finding: Finding): string {
  const location = finding.location ? ` (${formatLocation(finding.location)})` : '';
  const suppressed = finding.suppressed ? ' [suppressed]' : '';
  return `${finding.severity} ${finding.check}: ${finding.message}${location}${suppressed}`;
}

// Characters XML 1.0 cannot carry, and the controls and format characters (bidi overrides,
// zero-width, line separators) the terminal sanitiser escapes, except tab and line breaks.
const XML_UNSAFE = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|(?![\t\n\r])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * Escapes the five XML specials; characters XML 1.0 cannot carry, and those that would reorder or
 * hide text where a CI dashboard shows it (bidi overrides, zero-width), become visible escapes
 * (`\x1b`, `\u202e`), and line breaks from input become character references, so the file stays
 * valid XML and no input starts a line of it (`cat report.xml` in a CI log cannot forge a workflow command).
 */
export function escapeXml(text: string): string {
  return text
    .replace(XML_UNSAFE, escapeForTerminal)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
