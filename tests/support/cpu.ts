/**
 * CPU time this process spent since `since` (from `process.cpuUsage()`), in ms. Performance limits
 * in tests go by it rather than by wall time, which a machine loaded by other work stretches.
 */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}
