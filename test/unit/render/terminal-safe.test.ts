import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import { buildExplainView } from '../../../src/core/live/explain-view.js';
import { podServices } from '../../../src/core/live/pod-services.js';
import { explainWhyNot } from '../../../src/core/live/why-not.js';
import { main } from '../../../src/cli/main.js';
import { renderExplain } from '../../../src/render/explain.js';
import { renderCanReach } from '../../../src/render/can-reach-view.js';
import { canReachInSnapshot } from '../../../src/core/network-policy/can-reach-input.js';
import { renderFindingLines } from '../../../src/render/finding-lines.js';
import { renderJson } from '../../../src/render/json.js';
import { renderJunit } from '../../../src/render/junit.js';
import { renderPodServices } from '../../../src/render/pod-view.js';
import { renderSarif } from '../../../src/render/sarif.js';
import { renderStatusLines } from '../../../src/render/status-lines.js';
import { renderTable, renderWide } from '../../../src/render/table.js';
import { escapeForTerminal, terminalSafe } from '../../../src/render/terminal-safe.js';
import { renderWhyNot } from '../../../src/render/why-not-view.js';
import { assembleClusterSnapshot } from '../../../src/sources/cluster/cluster-snapshot.js';
import { clusterObjectsFromManifests } from '../../../src/sources/cluster/objects-from-manifests.js';
import { buildManifestSnapshot } from '../../../src/sources/manifests/manifest-snapshot.js';
import { CHECKS } from '../../../src/core/checks/registry.js';
import { ATTACKS, CONTROL_AND_FORMAT, hostileString, plant, shopObjects } from './hostile-input.js';

const SGR = /\u001b\[[0-9;]*m/g; // the tool's own colours
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const SHOP = shopObjects();

/** Every text renderer's output for the shop scenarios with hostile strings planted in every user-set field. */
function textOutputs(hostile: string[], file: string, color: boolean): Record<string, string> {
  const lintObjects = plant(SHOP.lint, hostile).map((value, index) => ({ value, line: index + 1, file }));
  const lint = analyze(buildManifestSnapshot(lintObjects, 'default', [file]), { mode: 'manifests' });
  const objects = clusterObjectsFromManifests(plant(structuredClone(SHOP.live), hostile), 'default');
  const snapshot = assembleClusterSnapshot(objects);
  const live = analyze(snapshot, { mode: 'cluster' });
  const service = objects.services[0];
  const explained = buildExplainView(snapshot, service.metadata.name ?? '', { rules: {} });
  const verdicts = objects.pods.map((pod) =>
    renderWhyNot(explainWhyNot({ service, pod, nodes: objects.nodes, endpointSlices: objects.endpointSlices, endpoints: objects.endpoints[0] ?? null, unavailable: [] }), { color }),
  );
  const reach = canReachInSnapshot(snapshot, { namespace: service.metadata.namespace ?? '', service: service.metadata.name ?? '', client: { namespace: service.metadata.namespace ?? '', labels: { app: 'client\u001b[2J\n::error::x' } } });
  const pod = podServices({ pod: objects.pods[0], services: objects.services, nodes: objects.nodes, endpointSlices: objects.endpointSlices, endpoints: objects.endpoints, unavailable: [] });
  return {
    table: renderTable(lint, { color }),
    wide: renderWide(lint, { color }),
    quiet: renderFindingLines(lint, { color, failOn: 'info' }),
    check: renderStatusLines(live, { color }),
    checkWide: renderWide(live, { color }),
    explain: renderExplain(explained.view, { color }),
    whyNot: verdicts.join(''),
    pod: renderPodServices(pod, { color }),
    canReach: 'verdict' in reach ? renderCanReach(reach.verdict, { color }) : '',
  };
}

function machineOutputs(hostile: string[], file: string) {
  const lintObjects = plant(SHOP.lint, hostile).map((value, index) => ({ value, line: index + 1, file }));
  const report = analyze(buildManifestSnapshot(lintObjects, 'default', [file]), { mode: 'manifests' });
  return {
    report,
    json: renderJson(report),
    sarif: renderSarif(report, { checks: CHECKS, version: '0.0.0', cwd: '/repo', informationUri: 'https://example.invalid' }),
    junit: renderJunit(report, { failOn: 'info' }),
  };
}

function assertTerminalSafe(name: string, text: string): void {
  const plain = text.replace(SGR, '');
  const unsafe = [...plain].find((c) => c !== '\n' && UNSAFE.test(c));
  expect(unsafe, `${name} printed U+${unsafe?.codePointAt(0)?.toString(16)}`).toBeUndefined();
  for (const line of plain.split('\n')) {
    expect(line.startsWith('::'), `${name}: a line starts a workflow command: ${line}`).toBe(false);
  }
  expect(plain.split('\n').filter((line) => /^\d+ services?, /.test(line)).length, `${name}: summary lines`).toBeLessThanOrEqual(1);
}

describe('terminal-safe output (property)', () => {
  it('no renderer prints a control or format character from input, coloured or not, and no input starts a line', () => {
    fc.assert(
      fc.property(fc.array(hostileString, { minLength: 1, maxLength: 3 }), hostileString, fc.boolean(), (hostile, fileSuffix, color) => {
        const outputs = textOutputs(hostile, `k8s/app${fileSuffix}.yaml`, color);
        expect(outputs.canReach).not.toBe('');
        for (const [name, text] of Object.entries(outputs)) assertTerminalSafe(name, text);
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  it('JSON and SARIF stay valid JSON carrying the strings unchanged; JUnit stays XML 1.0', () => {
    fc.assert(
      fc.property(fc.array(hostileString, { minLength: 1, maxLength: 3 }), hostileString, (hostile, fileSuffix) => {
        const file = `k8s/app${fileSuffix}.yaml`;
        const { report, json, sarif, junit } = machineOutputs(hostile, file);
        expect(JSON.parse(json).findings.map((finding: { message: string }) => finding.message).sort()).toEqual(
          report.findings.map((finding) => finding.message).sort(),
        );
        expect(json).not.toMatch(/\p{Cs}/u); // lone surrogates are \u escapes in JSON
        expect(sarif).not.toMatch(/\p{Cs}/u);
        expect(() => JSON.parse(sarif)).not.toThrow();
        expect(junit).not.toMatch(XML_FORBIDDEN);
        expect(junit.replace(/&(amp|lt|gt|quot|apos|#10|#13);/g, '')).not.toMatch(/&/);
        expect(junit.split('\n').filter((line) => !/^\s*(<|$)/.test(line))).toEqual([]);
      }),
      { numRuns: 40, seed: 13 },
    );
  });

  it('error messages on stderr are escaped too (a file name from the command line)', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (name) => {
        let stderr = '';
        const code = await main(['lint', `/nonexistent/${name}.yaml`], { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) }, stdin: process.stdin, env: {}, cwd: '/' });
        expect(code).toBe(2);
        expect(stderr.endsWith('\n') && stderr.indexOf('\n') === stderr.length - 1).toBe(true);
        assertTerminalSafe('stderr', stderr);
      }),
      { numRuns: 100, seed: 13 },
    );
  });
});

describe('escapeForTerminal', () => {
  it.each([
    ['\u001b]0;title\u0007', '\\x1b]0;title\\x07'],
    ['\u001b[2J', '\\x1b[2J'],
    ['a\nb\r\tc', 'a\\nb\\r\\tc'],
    ['\u007f\u0085\u009b', '\\x7f\\x85\\x9b'],
    ['\u202eevil\u2066', '\\u202eevil\\u2066'],
    ['\u2028\ufeff\u200b\u00ad', '\\u2028\\ufeff\\u200b\\xad'],
    ['\ud800x\udfff', '\\ud800x\\udfff'],
    ['\u{e0041}', '\\u{e0041}'],
    ['héllo wörld ✓ 日本', 'héllo wörld ✓ 日本'],
  ])('%j → %s', (input, expected) => {
    expect(escapeForTerminal(input)).toBe(expected);
  });

  it('escapes every control and format character and keeps a __proto__ key a key', () => {
    for (const c of CONTROL_AND_FORMAT) expect(escapeForTerminal(c)).toMatch(/^\\(x[0-9a-f]{2}|u[0-9a-f]{4}|u\{[0-9a-f]+\}|[nrt])$/);
    const copy = terminalSafe(JSON.parse('{"__proto__": {"a\\u001b": "b\\n"}}')) as Record<string, Record<string, string>>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(Object.entries(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value)).toEqual([['a\\x1b', 'b\\n']]);
  });

  it('hands back data with nothing to escape as it is, and copies only around what it escapes', () => {
    const safe = { services: [{ name: 'web', ports: [80, { name: 'http' }] }], notes: ['ok'] };
    expect(terminalSafe(safe)).toBe(safe);
    const unsafe = { services: [{ name: 'web', ports: [80, { name: 'ht\u001btp' }] }], notes: ['ok'] };
    const copy = terminalSafe(unsafe);
    expect(copy).not.toBe(unsafe);
    expect(copy).toEqual({ services: [{ name: 'web', ports: [80, { name: 'ht\\x1btp' }] }], notes: ['ok'] });
    expect(unsafe.services[0].ports[1]).toEqual({ name: 'ht\u001btp' });
    expect(copy.notes).toBe(unsafe.notes);
    const unsafeKey = { labels: { 'a\u202eb': 'c' } };
    expect(Object.keys(terminalSafe(unsafeKey).labels)).toEqual(['a\\u202eb']);
  });

  it('is idempotent on its own output', () => {
    for (const attack of ATTACKS) expect(escapeForTerminal(escapeForTerminal(attack))).toBe(escapeForTerminal(attack));
  });
});
