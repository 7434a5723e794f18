/**
 * Loaded with `node --import <this file>` into each measured topo process: on exit it writes
 * the process's peak resident set size (kB) and CPU time (user + system, µs) from
 * `process.resourceUsage()` as JSON to the file named by TOPO_BENCH_USAGE_FILE. Costs one
 * listener; changes nothing else.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.TOPO_BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime }));
  });
}
