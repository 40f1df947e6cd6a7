'use strict';
// Shipped beside the bundle (npm package): loads a CommonJS file with a V8 code cache, which Node 20
// lacks (module.enableCompileCache is Node 22). Most of a command's start-up is compiling the
// 0.6 MB bundle and the functions it runs; the cache, written at the end of the first run (so it
// holds the functions that run compiled too), lets later runs skip that. It lives in the user's
// cache directory (never a shared temporary directory: it is code), keyed by the file's size and
// time, Node's version and the architecture; V8 rejects a cache that does not fit, which is then
// rewritten. SVC_EXPLAIN_CODE_CACHE=0 turns it off. Anything that fails here falls back to require().
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

/** The directory of the caches: $XDG_CACHE_HOME (or ~/.cache, %LOCALAPPDATA%)/kubectl-svc-explain. */
function cacheDirectory() {
  const base = process.env.XDG_CACHE_HOME || (process.platform === 'win32' ? process.env.LOCALAPPDATA : undefined) || path.join(os.homedir(), '.cache');
  return path.join(base, 'kubectl-svc-explain');
}

/** Runs `file` as a CommonJS module (as require() would) and returns its exports. */
module.exports = function loadCached(file, parent) {
  if (process.env.SVC_EXPLAIN_CODE_CACHE === '0') return require(file);
  let source;
  let stat;
  try {
    source = fs.readFileSync(file, 'utf8');
    stat = fs.statSync(file);
  } catch {
    return require(file);
  }
  const name = path.basename(file);
  const dir = cacheDirectory();
  const cacheFile = path.join(dir, `${name}-${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}.v8`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source.replace(/^#!.*/, '')), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => writeCache(script, dir, cacheFile, name));
  }
  const child = new Module(file, parent);
  child.filename = file;
  child.paths = Module._nodeModulePaths(path.dirname(file));
  child.loaded = true;
  script.runInThisContext().call(child.exports, child.exports, Module.createRequire(file), child, file, path.dirname(file));
  return child.exports;
};

/** Writes the cache atomically (a parallel run reads the old one or the new one) and drops stale caches of the file. */
function writeCache(script, dir, cacheFile, name) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temporary, cacheFile);
    for (const entry of fs.readdirSync(dir)) {
      if (entry.startsWith(`${name}-`) && path.join(dir, entry) !== cacheFile && !entry.endsWith('.tmp')) fs.rmSync(path.join(dir, entry), { force: true });
    }
  } catch {
    // No cache this time: the next run compiles again.
  }
}
