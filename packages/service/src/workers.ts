import cluster from "node:cluster";
import type { Worker } from "node:cluster";
import type { Logger } from "./logger.js";

/**
 * Runs the service in `count` worker processes sharing one port (node:cluster). They share the
 * SQLite file the way any processes do, so no state needs coordinating. A worker that dies is
 * replaced; SIGTERM/SIGINT are passed on, and the primary exits 0 once every worker finished its
 * in-flight requests and exited cleanly.
 */
export function runWorkers(count: number, logger: Logger): void {
  let stopping = false;
  const fork = (): Worker => cluster.fork();
  for (let i = 0; i < count; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    logger.error("worker exited; starting another", { pid: worker.process.pid, code, signal });
    fork();
  });
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info("signal", { signal, workers: Object.keys(cluster.workers ?? {}).length });
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    let failed = false;
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const worker of workers) {
      worker.once("exit", (code) => {
        failed ||= code !== 0;
        left -= 1;
        if (left === 0) process.exit(failed ? 1 : 0);
      });
      worker.process.kill(signal);
    }
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

/** True in the primary process of a multi-worker service (it forks and supervises, it does not serve). */
export function isSupervisor(count: number): boolean {
  return count > 1 && cluster.isPrimary;
}
