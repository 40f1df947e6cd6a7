#!/usr/bin/env node
// Print the running cluster's processes, their resident memory, and the kubeconfig path.
//   node scripts/cluster/status.mjs [--state-dir DIR]
import { isOurs, parseArgs, readState, rssKiB } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2));
const state = readState(opts.stateDir);
if (!state) {
  console.log(`no cluster recorded in ${opts.stateDir}`);
  process.exit(1);
}
let total = 0;
for (const p of state.processes) {
  const alive = isOurs(p);
  const kib = alive ? rssKiB(p.pid) : 0;
  total += kib;
  console.log(`${p.name.padEnd(24)} pid ${String(p.pid).padEnd(8)} ${alive ? `${(kib / 1024).toFixed(0).padStart(5)} MiB` : 'not running'}`);
}
console.log(`${'total RSS'.padEnd(24)} ${''.padEnd(12)} ${(total / 1024).toFixed(0).padStart(5)} MiB`);
console.log(`server      ${state.server}`);
console.log(`netns       ${(state.netnses ?? [state.netns]).filter(Boolean).join(', ') || '(none)'}`);
console.log(`kubeconfig  ${state.kubeconfig}`);
