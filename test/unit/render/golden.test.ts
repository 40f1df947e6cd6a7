import { describe, expect, it } from 'vitest';
import { renderFindingLines } from '../../../src/render/finding-lines.js';
import { renderJson } from '../../../src/render/json.js';
import { renderJunit } from '../../../src/render/junit.js';
import { renderSarif } from '../../../src/render/sarif.js';
import { renderTable, renderWide } from '../../../src/render/table.js';
import { differs, nearMiss, ref, service } from './report-builders.js';
import { CLEAN_REPORT, SAMPLE_CHECKS, SAMPLE_REPORT } from './sample-report.js';

/**
 * Renderer output compared with files in test/golden/. After an intended change to the output,
 * regenerate them with `npx vitest run test/unit/render -u` and review the diff.
 */

const golden = (file: string) => `../../golden/${file}`;
const sarifOptions = { checks: SAMPLE_CHECKS, version: '1.2.3', cwd: '/repo', informationUri: 'https://example.invalid/svc-explain' };

describe('golden files', () => {
  it.each([
    ['table.txt', () => renderTable(SAMPLE_REPORT, { color: false })],
    ['table-120.txt', () => renderTable(SAMPLE_REPORT, { color: false, width: 120 })],
    ['table-clean.txt', () => renderTable(CLEAN_REPORT, { color: false })],
    ['wide.txt', () => renderWide(SAMPLE_REPORT, { color: false })],
    ['quiet.txt', () => renderFindingLines(SAMPLE_REPORT, { color: false, failOn: 'warning' })],
    ['report.json', () => renderJson(SAMPLE_REPORT)],
    ['report.sarif.json', () => renderSarif(SAMPLE_REPORT, sarifOptions)],
    ['junit.xml', () => renderJunit(SAMPLE_REPORT, { failOn: 'error' })],
    ['junit-fail-on-warning.xml', () => renderJunit(SAMPLE_REPORT, { failOn: 'warning' })],
  ])('%s', async (file, render) => {
    await expect(render()).toMatchFileSnapshot(golden(file));
  });
});

describe('determinism', () => {
  const shuffled = { ...SAMPLE_REPORT, services: [...SAMPLE_REPORT.services].reverse(), findings: [...SAMPLE_REPORT.findings].reverse() };

  it.each([
    ['table', (report: typeof SAMPLE_REPORT) => renderWide(report, { color: false })],
    ['json', renderJson],
    ['sarif', (report: typeof SAMPLE_REPORT) => renderSarif(report, sarifOptions)],
    ['junit', (report: typeof SAMPLE_REPORT) => renderJunit(report, { failOn: 'info' })],
  ])('%s output does not depend on input order', (_name, render) => {
    expect(render(shuffled)).toBe(render(SAMPLE_REPORT));
  });
});

describe('colour', () => {
  it('colours severities only when asked', () => {
    const coloured = renderTable(SAMPLE_REPORT, { color: true });
    expect(coloured).toContain('\u001b[31merror');
    expect(coloured).toContain('\u001b[36minfo');
    expect(renderTable(SAMPLE_REPORT, { color: false })).not.toMatch(/\u001b\[/);
  });

  it('strips to the plain output', () => {
    const coloured = renderWide(SAMPLE_REPORT, { color: true });
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(renderWide(SAMPLE_REPORT, { color: false }));
  });
});

describe('quiet output', () => {
  it('is empty when nothing fails the run', () => {
    expect(renderFindingLines(CLEAN_REPORT, { color: false, failOn: 'info' })).toBe('');
    expect(renderFindingLines(SAMPLE_REPORT, { color: false, failOn: 'none' })).toBe('');
  });
});

describe('near misses', () => {
  it.each([
    { kind: 'telling' as const, label: 'Near misses:' },
    { kind: 'weak' as const, label: 'Not close:' },
  ])('a $kind list is labelled "$label" in the table and named in JSON', ({ kind, label }) => {
    const payments = service('shop', 'payments', {
      selector: { app: 'payments' },
      nearMisses: [nearMiss(ref('Deployment', 'shop', 'web'), differs('app', 'payments', 'app', 'web'))],
      nearMissTotal: 1,
      nearMissKind: kind,
    });
    const report = { ...CLEAN_REPORT, services: [payments] };
    expect(renderTable(report, { color: false })).toMatch(new RegExp(`\\n  ${label} +Deployment web: app=web \\(selector wants app=payments\\)\\n`));
    expect(JSON.parse(renderJson(report)).services[0].nearMissKind).toBe(kind);
  });
});
