import { readFileSync } from 'node:fs';

/** What the CLI shows about itself: --version and the SARIF tool driver. */
export interface PackageInfo {
  version: string;
  homepage?: string;
}

/** Set by the release bundle (scripts/release/bundle.mjs), which has no package.json beside it. */
declare const SVC_EXPLAIN_BUNDLED_PACKAGE_INFO: PackageInfo | undefined;

/** Reads package.json, which sits two levels above both src/cli and dist/cli. */
export function readPackageInfo(): PackageInfo {
  if (typeof SVC_EXPLAIN_BUNDLED_PACKAGE_INFO !== 'undefined') return SVC_EXPLAIN_BUNDLED_PACKAGE_INFO;
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
    homepage?: string;
  };
  return { version: manifest.version, ...(manifest.homepage ? { homepage: manifest.homepage } : {}) };
}
