// Bundles the CLI with esbuild into two CommonJS files: the CLI itself, and
// @kubernetes/client-node on its own, which the CLI loads only when a command talks to a cluster
// (--help and lint never parse its 3.5 MB). A standalone executable carries the second file as a
// SEA asset. package.json is inlined, since a bundle has no package beside it.
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** File names inside the bundle directory (and the SEA asset key of the client library). */
export const BUNDLE_MAIN = 'kubectl-svc_explain.cjs';
export const BUNDLE_CLIENT = 'client-node.cjs';
/** The code-cache loader the npm launchers and the CLI bundle load the bundle files through (load-cached.cjs). */
export const BUNDLE_LOADER = 'load-cached.cjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // ESM builds first: jsonc-parser's main is a UMD file whose requires esbuild cannot follow.
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  logOverride: { 'empty-import-meta': 'silent' },
};

// Replaces the client library in the CLI bundle by a loader of the separate file (or SEA asset).
const LOADER = `
const sea = (() => { try { return require('node:sea'); } catch { return undefined; } })();
if (sea && sea.isSea()) {
  const code = sea.getAsset(${JSON.stringify(BUNDLE_CLIENT)}, 'utf8');
  const run = require('node:vm').compileFunction(code, ['module', 'exports', 'require'], { filename: ${JSON.stringify(BUNDLE_CLIENT)} });
  // The SEA's require() loads only built-in modules and warns on anything else (optional
  // dependencies the client library probes for): answer those with a quiet "not found".
  const builtinOnly = (id) => {
    if (require('node:module').isBuiltin(id)) return require(id);
    throw Object.assign(new Error("Cannot find module '" + id + "'"), { code: 'MODULE_NOT_FOUND' });
  };
  run(module, module.exports, builtinOnly);
} else {
  const path = require('node:path');
  // Through the code-cache loader beside the bundle when there is one (the npm package), else plainly.
  let load = require;
  try { load = require(path.join(__dirname, ${JSON.stringify(BUNDLE_LOADER)})); } catch {}
  module.exports = load(path.join(__dirname, ${JSON.stringify(BUNDLE_CLIENT)}), module);
}`;

const splitClientLibrary = {
  name: 'split-client-node',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^@kubernetes\/client-node$/ }, () => ({ path: 'client-node', namespace: 'client-node-loader' }));
    esbuild.onLoad({ filter: /.*/, namespace: 'client-node-loader' }, () => ({ contents: LOADER, loader: 'js' }));
  },
};

/**
 * The client library's exports the sources use, so its bundle keeps only those (KubeConfig alone is
 * 0.9 MB of the 3.5 MB). Any use this does not recognise (a namespace import) keeps everything.
 */
export function clientLibraryImports(root) {
  const names = new Set();
  const files = readdirSync(join(root, 'src'), { recursive: true }).filter((file) => String(file).endsWith('.ts'));
  for (const file of files) {
    const text = readFileSync(join(root, 'src', String(file)), 'utf8');
    for (const use of text.matchAll(/(import\s+type\b[^;]*?|import\s*\{([^}]*)\}\s*from|const\s*\{([^}]*)\}\s*=\s*await\s+import\(|import\s*\*[^;]*?from|import\()\s*'@kubernetes\/client-node'/g)) {
      if (use[1].startsWith('import type')) continue;
      const list = use[2] ?? use[3];
      if (list === undefined) return undefined;
      for (const part of list.split(',')) {
        const name = part.replace(/^\s*type\s+/, '').split(/\s+as\s+|:/)[0].trim();
        if (name && !/^type\s/.test(part.trim())) names.add(name);
      }
    }
  }
  return [...names].sort();
}

/** Writes both bundle files into outdir and returns their sizes in bytes. */
export async function bundle(root, outdir) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const packageInfo = { version: manifest.version, ...(manifest.homepage ? { homepage: manifest.homepage } : {}) };
  await build({
    ...common,
    entryPoints: [join(root, 'scripts/release/entry.ts')],
    outfile: join(outdir, BUNDLE_MAIN),
    define: { SVC_EXPLAIN_BUNDLED_PACKAGE_INFO: JSON.stringify(packageInfo) },
    banner: { js: '#!/usr/bin/env node' },
    plugins: [splitClientLibrary],
  });
  await build({
    ...common,
    stdin: { contents: clientEntry(clientLibraryImports(root)), resolveDir: root, loader: 'js' },
    outfile: join(outdir, BUNDLE_CLIENT),
  });
  copyFileSync(join(root, 'scripts/release', BUNDLE_LOADER), join(outdir, BUNDLE_LOADER));
  const size = (name) => statSync(join(outdir, name)).size;
  return { main: size(BUNDLE_MAIN), client: size(BUNDLE_CLIENT) };
}

function clientEntry(names) {
  return names ? `export { ${names.join(', ')} } from '@kubernetes/client-node';` : "export * from '@kubernetes/client-node';";
}
