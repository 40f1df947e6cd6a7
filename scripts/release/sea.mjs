// Node single-executable applications: one SEA blob per Node version (made by the linux/amd64 Node
// of that version, since a blob must match the Node that runs it), injected into each platform's
// official Node binary with postject. The blob holds no code cache or snapshot, so it is the same
// for every platform of one version.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'postject';
import { BUNDLE_CLIENT, BUNDLE_MAIN } from './bundle.mjs';

// The fuse Node's SEA loader looks for (documented in Node's single-executable-applications page).
const SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** Writes the SEA blob for the bundle in bundleDir with the given Node binary and returns its path. */
export function makeBlob(generatorNode, bundleDir, workDir, version) {
  const output = join(workDir, `sea-${version}.blob`);
  const configFile = join(workDir, `sea-${version}.json`);
  const config = {
    main: join(bundleDir, BUNDLE_MAIN),
    output,
    disableExperimentalSEAWarning: true,
    useSnapshot: false,
    useCodeCache: false,
    assets: { [BUNDLE_CLIENT]: join(bundleDir, BUNDLE_CLIENT) },
  };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  execFileSync(generatorNode, ['--experimental-sea-config', configFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  return output;
}

/** Copies the platform's Node binary to target and injects the blob into it. */
export async function injectBlob(platform, nodeBinaryPath, blobPath, target) {
  copyFileSync(nodeBinaryPath, target);
  chmodSync(target, 0o755);
  // postject's binary parser warns about every ELF note and the now-void Windows signature;
  // those lines are shown only when the injection fails.
  const noise = [];
  const saved = { log: console.log, warn: console.warn };
  console.log = console.warn = (...parts) => noise.push(parts.join(' '));
  try {
    await inject(target, 'NODE_SEA_BLOB', readFileSync(blobPath), {
      sentinelFuse: SENTINEL_FUSE,
      ...(platform.os === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
    });
  } catch (error) {
    throw new Error(`postject failed on ${target}: ${error.message}\n${noise.join('\n')}`);
  } finally {
    Object.assign(console, saved);
  }
}
