// Fetches the official Node binary of a platform from its npm package (with `npm pack`, so the
// npm cache and registry settings apply) and keeps it outside the repository, keyed by version.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';

/** ${SVC_EXPLAIN_CACHE:-~/.cache/svc-explain}/node-binaries: where the binaries are kept. */
export function cacheRoot(env = process.env) {
  return join(env.SVC_EXPLAIN_CACHE || join(env.HOME || homedir(), '.cache', 'svc-explain'), 'node-binaries');
}

/** Returns the path of the platform's Node binary, downloading its package on first use. */
export async function nodeBinary(platform, log = () => {}) {
  const dir = join(cacheRoot(), `${platform.nodePackage}-${platform.nodeVersion}`);
  const binary = join(dir, platform.nodeBin);
  if (existsSync(binary)) return binary;
  mkdirSync(cacheRoot(), { recursive: true });
  const work = mkdtempSync(join(cacheRoot(), '.download-'));
  try {
    const spec = `${platform.nodePackage}@${platform.nodeVersion}`;
    log(`npm pack ${spec}`);
    const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', work, spec], { encoding: 'utf8' }).trim().split('\n').pop();
    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    await tar.x({ file: join(work, name), cwd: unpacked, strip: 1, filter: (path) => path === `package/${platform.nodeBin}` || path === 'package/LICENSE' });
    if (!existsSync(join(unpacked, platform.nodeBin))) throw new Error(`${spec} has no ${platform.nodeBin}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(unpacked, dir);
    return binary;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
