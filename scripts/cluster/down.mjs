#!/usr/bin/env node
// Stop the local control plane started by up.mjs: all its processes (by process group), its
// network namespace and its temporary directory. Idempotent.
//   node scripts/cluster/down.mjs [--state-dir DIR] [--quiet]
import { log, parseArgs, readState, stopCluster } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2));
const state = readState(opts.stateDir);
if (!state) {
  if (!opts.quiet) log(`no cluster recorded in ${opts.stateDir}; nothing to stop`);
} else {
  await stopCluster(state, { quiet: opts.quiet });
}
