import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import { CHECKS } from '../../../src/core/checks/registry.js';
import { loadManifests } from '../../../src/sources/manifests/load-manifests.js';
import { artifactUri, renderSarif } from '../../../src/render/sarif.js';
import { finding, ref, report } from './report-builders.js';
import { SAMPLE_CHECKS, SAMPLE_REPORT } from './sample-report.js';

/** The parts of SARIF 2.1.0 that GitHub code scanning insists on, checked field by field. */

const options = { checks: SAMPLE_CHECKS, version: '1.2.3', cwd: '/repo', informationUri: 'https://example.invalid/svc-explain' };
const sarif = JSON.parse(renderSarif(SAMPLE_REPORT, options));
const run = sarif.runs[0];

/** The official SARIF 2.1.0 JSON schema (OASIS, rtm.5), as shipped in @microsoft/jest-sarif. */
function validateAgainstSchema(log: unknown): string[] {
  const schemaPath = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // unicodeRegExp off: one pattern in the published schema is not valid with the u flag.
  // CommonJS: the module is the class, and its `default` is the class too.
  const ajv = new AjvDraft04.default({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  return validate(log) ? [] : (validate.errors ?? []).map((error: { instancePath: string; message?: string }) => `${error.instancePath} ${error.message}`);
}

describe('SARIF log', () => {
  it('for the bundled examples is valid against the official SARIF 2.1.0 schema', async () => {
    const root = join(import.meta.dirname, '../../..');
    const examples = analyze(await loadManifests([join(root, 'examples')], { defaultNamespace: 'default' }));
    expect(examples.findings.length).toBeGreaterThan(0);
    expect(validateAgainstSchema(JSON.parse(renderSarif(examples, { ...options, checks: CHECKS, cwd: root })))).toEqual([]);
  });

  it('is valid against the official SARIF 2.1.0 schema', () => {
    expect(validateAgainstSchema(sarif)).toEqual([]);
    expect(validateAgainstSchema(JSON.parse(renderSarif(report([], []), options)))).toEqual([]);
    // The validator does reject what breaks the schema.
    expect(validateAgainstSchema({ ...sarif, runs: [{ ...run, results: [{ level: 'fatal' }] }] })).not.toEqual([]);
  });

  it('declares the 2.1.0 schema and a single run', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
  });

  it('describes the tool', () => {
    expect(run.tool.driver).toMatchObject({ name: 'svc-explain', version: '1.2.3', informationUri: options.informationUri });
  });

  it('has one rule per check, even checks that did not fire', () => {
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(SAMPLE_CHECKS.map((check) => check.id));
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.fullDescription.text).toBeTruthy();
      expect(rule.help.text).toBeTruthy();
      expect(rule.help.markdown).toBeTruthy();
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
      expect(rule.properties.tags).toContain('kubernetes');
    }
  });

  it.each([
    ['error', 'error'],
    ['warning', 'warning'],
    ['info', 'note'],
  ])('maps severity %s to level %s', (severity, level) => {
    const check = SAMPLE_CHECKS.find((item) => item.severity === severity)!;
    expect(run.tool.driver.rules.find((rule: { id: string }) => rule.id === check.id).defaultConfiguration.level).toBe(level);
  });

  it('gives every result a rule id, the matching rule index, a level and a message', () => {
    expect(run.results).toHaveLength(SAMPLE_REPORT.findings.length);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text).toBeTruthy();
    }
  });

  it('points at relative files and real lines', () => {
    const locations = run.results.flatMap((result: { locations?: unknown[] }) => result.locations ?? []);
    expect(locations.length).toBeGreaterThan(0);
    for (const location of locations as { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]) {
      const { uri } = location.physicalLocation.artifactLocation;
      expect(uri).not.toMatch(/^\/|\\|^[A-Za-z]:/);
      expect(location.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    const legacy = run.results.find((result: { message: { text: string } }) => result.message.text.includes('legacy'));
    expect(legacy.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'deploy/legacy.yaml' }, region: { startLine: 7 } });
  });

  it('leaves out locations it does not know rather than inventing one', () => {
    const dns = run.results.find((result: { ruleId: string }) => result.ruleId === 'target-port-protocol-mismatch');
    expect(dns.locations).toBeUndefined();
  });

  it('marks suppressed findings: inSource for the annotation, external for --ignore', () => {
    const suppressions = run.results.map((result: { suppressions?: { kind: string }[] }) => result.suppressions?.[0]?.kind);
    expect(suppressions.filter(Boolean).sort()).toEqual(['external', 'inSource']);
  });

  it('still gives a finding from an unknown check a rule', () => {
    const odd = JSON.parse(renderSarif(report([], [finding('runtime-error', 'warning', ref('Service', 'a', 'b'), 'oops')]), options));
    const result = odd.runs[0].results[0];
    expect(odd.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('runtime-error');
  });
});

describe('artifactUri', () => {
  it.each([
    ['/repo/deploy/web.yaml', 'deploy/web.yaml'],
    ['deploy/web.yaml', 'deploy/web.yaml'],
    ['./deploy//web.yaml', 'deploy/web.yaml'],
    ['deploy\\win\\web.yaml', 'deploy/win/web.yaml'],
    ['/repo/my manifests/web.yaml', 'my%20manifests/web.yaml'],
    ['-', 'stdin'],
    ['<stdin>', 'stdin'],
  ])('%s → %s', (file, uri) => {
    expect(artifactUri(file, '/repo')).toBe(uri);
  });
});
