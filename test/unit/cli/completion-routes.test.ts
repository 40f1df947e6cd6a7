import { describe, expect, it } from 'vitest';
import { complete, type CompletionSources, type NamedResource } from '../../../src/cli/completion-engine.js';
import { createProgram } from '../../../src/cli/program.js';
import { readPackageInfo } from '../../../src/cli/package-info.js';

/** Names a cluster would list, by resource: the engine's data source without a cluster. */
const NAMES: Partial<Record<NamedResource, string[]>> = { services: ['web'], ingresses: ['shop', 'shop-admin'], httproutes: ['store'] };
const asked: NamedResource[] = [];
const sources: CompletionSources = {
  checkIds: () => [],
  kubeconfigNames: () => [],
  namespaces: async () => [],
  names: async (resource) => (asked.push(resource), NAMES[resource] ?? []),
};
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: {}, isTTY: false } as never;
const program = () => createProgram({ io, packageInfo: readPackageInfo(), finish: () => {}, helpOutput: { writeOut: () => {}, writeErr: () => {} } });

describe('completing explain TYPE/NAME', () => {
  it.each([
    [['explain', 'ing/'], 'ingresses', ['ing/shop', 'ing/shop-admin']],
    [['explain', 'ingress/shop-'], 'ingresses', ['ingress/shop-admin']],
    [['explain', 'httproute/'], 'httproutes', ['httproute/store']],
    [['svc/'], 'services', ['svc/web']],
    [['explain', 'tcproute/'], 'tcproutes', []],
  ])('%j lists %s', async (words, resource, expected) => {
    asked.length = 0;
    const result = await complete(program(), words, sources);
    expect(asked).toEqual([resource]);
    expect(result.items).toEqual(expected);
  });

  it('an unknown TYPE/ offers nothing and asks the cluster nothing', async () => {
    asked.length = 0;
    expect((await complete(program(), ['explain', 'configmap/'], sources)).items).toEqual([]);
    expect(asked).toEqual([]);
  });
});
