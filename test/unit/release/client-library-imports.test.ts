// The release bundle keeps only the client library exports that src/ imports (scripts/release/bundle.mjs).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { clientLibraryImports } from '../../../scripts/release/bundle.mjs';

function sources(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'svc-explain-imports-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, 'src', name)), { recursive: true });
    writeFileSync(path.join(root, 'src', name), text);
  }
  return root;
}

describe('clientLibraryImports', () => {
  it('collects named static and destructured dynamic imports, not type-only ones', () => {
    const root = sources({
      'a.ts': "import type { V1Pod } from '@kubernetes/client-node';\nimport { KubeConfig, type User } from '@kubernetes/client-node';",
      'deep/b.ts': "const { Watch, KubeConfig: Config } = await import('@kubernetes/client-node');",
    });
    expect(clientLibraryImports(root)).toEqual(['KubeConfig', 'Watch']);
  });

  it('keeps everything (undefined) for a namespace or plain dynamic import', () => {
    expect(clientLibraryImports(sources({ 'a.ts': "import * as k8s from '@kubernetes/client-node';" }))).toBeUndefined();
    expect(clientLibraryImports(sources({ 'a.ts': "const k8s = await import('@kubernetes/client-node');" }))).toBeUndefined();
  });

  it('finds KubeConfig in this repository', () => {
    expect(clientLibraryImports(path.resolve(import.meta.dirname, '../../..'))).toEqual(['KubeConfig']);
  });
});
