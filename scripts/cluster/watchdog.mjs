#!/usr/bin/env node
// Stops a cluster when its owner process (a test run) is gone: Ctrl-C, crash or SIGKILL of the
// runner all end the same way. Exits by itself once the cluster's state file is gone or replaced.
//   watchdog.mjs STATE_DIR OWNER_PID CLUSTER_ID
import { isAlive, readState, sleep, stopCluster } from './lib.mjs';

const [stateDir, ownerPidText, id] = process.argv.slice(2);
const ownerPid = Number(ownerPidText);
process.on('SIGINT', () => {}); // a terminal Ctrl-C reaches the whole foreground group; we act on the owner's death instead
process.on('SIGTERM', () => process.exit(0));

for (;;) {
  await sleep(500);
  const st = readState(stateDir);
  if (!st || st.id !== id) process.exit(0);
  if (!isAlive(ownerPid)) {
    process.stderr.write(`[cluster] owner ${ownerPid} is gone; stopping cluster ${id}\n`);
    await stopCluster(st, { quiet: true });
    process.exit(0);
  }
}
