// Preloaded with `node --import` into a measured process: on exit it writes the process's own CPU
// time (user + system, from process start, so start-up counts) and peak RSS to $SVC_EXPLAIN_USAGE_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const cpu = process.cpuUsage();
  const usage = { cpuMs: (cpu.user + cpu.system) / 1000, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
  writeFileSync(process.env.SVC_EXPLAIN_USAGE_FILE, JSON.stringify(usage));
});
