import { readFileSync } from 'node:fs';

/** What the CLI shows about itself: --version and the SARIF tool driver. */
export interface PackageInfo {
  version: string;
  homepage?: string;
}

/** Reads package.json, which sits two levels above both src/cli and dist/cli. */
export function readPackageInfo(): PackageInfo {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
    homepage?: string;
  };
  return { version: manifest.version, ...(manifest.homepage ? { homepage: manifest.homepage } : {}) };
}
