import { describe, expect, it } from 'vitest';
import { escapeXml, renderJunit } from '../../../src/render/junit.js';
import { finding, ref, report, service } from './report-builders.js';

describe('renderJunit', () => {
  const failing = report([service('ns', 'web')], [finding('c', 'warning', ref('Service', 'ns', 'web'), 'bad <&> "x"')]);

  it.each([
    ['error', 0],
    ['warning', 1],
    ['info', 1],
    ['none', 0],
  ] as const)('--fail-on %s gives %i failures for a warning', (failOn, failures) => {
    const xml = renderJunit(failing, { failOn });
    expect(xml).toContain(`failures="${failures}"`);
    expect(xml.match(/<failure /g) ?? []).toHaveLength(failures);
  });

  it('never lets a suppressed finding fail', () => {
    const suppressed = report([service('ns', 'web')], [finding('c', 'error', ref('Service', 'ns', 'web'), 'm', { suppressed: true })]);
    expect(renderJunit(suppressed, { failOn: 'info' })).not.toContain('<failure');
  });

  it('escapes XML specials, shows characters XML cannot hold as escapes, keeps input line breaks off the line start', () => {
    expect(escapeXml(`a<b>&"c'\u0007d\u0000`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;\\x07d\\x00');
    expect(escapeXml('x\n::error::y\r')).toBe('x&#10;::error::y&#13;');
  });

  it('shows bidi overrides, zero-width and line separators as escapes, as the terminal does, and keeps tabs and other text', () => {
    expect(escapeXml('app\u202e=x\u200by\u2028z\u0085')).toBe('app\\u202e=x\\u200by\\u2028z\\x85');
    expect(escapeXml('a\tb ünï 日本 😀')).toBe('a\tb ünï 日本 😀');
  });
});
