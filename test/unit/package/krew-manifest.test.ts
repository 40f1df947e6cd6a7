import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '../../..');
const manifest = parse(readFileSync(join(ROOT, 'krew-manifest.yaml'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('krew-manifest.yaml', () => {
  it('is a krew Plugin named after the kubectl plugin, at the package version', () => {
    expect(manifest.apiVersion).toBe('krew.googlecontainertools.github.com/v1alpha2');
    expect(manifest.kind).toBe('Plugin');
    expect(manifest.metadata.name).toBe('svc-explain');
    expect(manifest.spec.version).toBe(`v${pkg.version}`);
    expect(manifest.spec.shortDescription.length).toBeLessThanOrEqual(60);
    expect(manifest.spec.homepage).toBe(pkg.homepage);
  });

  it('has platforms with a selector, an https uri, a sha256 and the bin the package ships', () => {
    expect(manifest.spec.platforms.length).toBeGreaterThan(0);
    for (const platform of manifest.spec.platforms) {
      expect(platform.selector.matchExpressions.length).toBeGreaterThan(0);
      expect(platform.uri).toMatch(/^https:\/\/.+\.tar\.gz$/);
      expect(platform.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(platform.bin).toBe(`bin/${Object.keys(pkg.bin)[0]}`);
    }
  });
});
