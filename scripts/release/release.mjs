// npm run release: bundle, npm package, standalone executables, one archive per platform,
// sha256sums and krew-manifest.yaml, all in release/ (git-ignored). See README "Release build".
//   --platforms linux-amd64,darwin-arm64   only these (default: all five)
//   --out DIR                              instead of release/
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeArchive } from './archive.mjs';
import { bundle } from './bundle.mjs';
import { completionWrapper } from './completion-wrappers.mjs';
import { krewManifest } from './krew-manifest.mjs';
import { nodeBinary } from './node-binaries.mjs';
import { npmPackage } from './npm-package.mjs';
import { blobGeneratorFor, executableName, platformId, PLATFORMS } from './platforms.mjs';
import { injectBlob, makeBlob } from './sea.mjs';

const root = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { platforms: { type: 'string' }, out: { type: 'string' } } });
const started = Date.now();
const log = (message) => process.stderr.write(`[release ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${message}\n`);

const wanted = values.platforms ? values.platforms.split(',') : PLATFORMS.map(platformId);
const platforms = wanted.map((id) => PLATFORMS.find((platform) => platformId(platform) === id) ?? fail(`unknown platform ${id} (known: ${PLATFORMS.map(platformId).join(', ')})`));
const out = resolve(root, values.out ?? 'release');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tag = `v${manifest.version}`;

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'work'), { recursive: true });
const sizes = await bundle(root, join(out, 'bundle'));
log(`bundle: ${kib(sizes.main)} CLI + ${kib(sizes.client)} client library (loaded on first cluster request)`);
const npmTarball = npmPackage(root, manifest, join(out, 'bundle'), join(out, 'work', 'npm'), out);
log(`${npmTarball}: ${kib(statSync(join(out, npmTarball)).size)} (npm package, no dependencies)`);

const rcodesign = platforms.some((platform) => platform.os === 'darwin') ? buildRcodesign() : undefined;
const blobs = new Map();
const archives = [];
for (const platform of platforms) {
  const id = platformId(platform);
  if (!blobs.has(platform.nodeVersion)) {
    const generator = await nodeBinary(blobGeneratorFor(platform.nodeVersion), log);
    blobs.set(platform.nodeVersion, makeBlob(generator, join(out, 'bundle'), join(out, 'work'), platform.nodeVersion));
    log(`SEA blob for Node ${platform.nodeVersion}`);
  }
  const stage = join(out, 'work', id);
  mkdirSync(stage, { recursive: true });
  const executable = join(stage, executableName(platform));
  await injectBlob(platform, await nodeBinary(platform, log), blobs.get(platform.nodeVersion), executable);
  // rcodesign reports every step on stderr; execFileSync puts it in the error when signing fails.
  if (platform.os === 'darwin') execFileSync(rcodesign, ['sign', executable], { stdio: ['ignore', 'ignore', 'pipe'] });
  const wrapper = completionWrapper(platform);
  writeFileSync(join(stage, wrapper.name), wrapper.text);
  chmodSync(join(stage, wrapper.name), 0o755);
  copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
  const fileName = `kubectl-svc_explain-${tag}-${id}.${platform.os === 'windows' ? 'zip' : 'tar.gz'}`;
  await writeArchive(stage, join(out, fileName));
  const sha256 = createHash('sha256').update(readFileSync(join(out, fileName))).digest('hex');
  archives.push({ platform, fileName, sha256, size: statSync(join(out, fileName)).size, executableSize: statSync(executable).size });
  log(`${fileName}: ${mib(statSync(join(out, fileName)).size)} (executable ${mib(statSync(executable).size)}, Node ${platform.nodeVersion})`);
}

writeFileSync(join(out, 'sha256sums.txt'), archives.map((archive) => `${archive.sha256}  ${archive.fileName}\n`).join(''));
writeFileSync(join(out, 'krew-manifest.yaml'), krewManifest(manifest, archives));
writeFileSync(join(out, 'release.json'), `${JSON.stringify({ tag, seconds: (Date.now() - started) / 1000, bundle: sizes, npmTarball, archives: archives.map(({ platform, ...rest }) => ({ platform: platformId(platform), nodeVersion: platform.nodeVersion, ...rest })) }, null, 2)}\n`);
log(`done: ${archives.length} archives, sha256sums.txt and krew-manifest.yaml in ${out}`);

function buildRcodesign() {
  const lines = execFileSync('bash', [join(root, 'scripts/release/build-rcodesign.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n');
  return lines[lines.length - 1];
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

function mib(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(2);
}
