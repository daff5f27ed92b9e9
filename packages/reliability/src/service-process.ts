import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { binPaths } from "./bins.js";

/** A `cortex-mem-service` child listening on an ephemeral loopback port. */
export interface ServiceProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the service logged to stderr so far (JSON lines). */
  stderr(): string;
  /** SIGTERM, then wait for the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the built service bin with `env` (a home's env plus extras) on 127.0.0.1, port 0, and
 * waits for its `listening` line (logged at `info`, so the level is at least that).
 */
export async function spawnService(
  env: Record<string, string>,
  cwd: string,
  bin = binPaths().service,
): Promise<ServiceProcess> {
  const level = env.CORTEX_MEM_LOG_LEVEL === "debug" ? "debug" : "info";
  const child = spawn(process.execPath, [bin, "--host", "127.0.0.1", "--port", "0"], {
    env: { ...env, CORTEX_MEM_LOG_LEVEL: level },
    cwd,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  let listening = false;
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = listening ? null : /"msg":"listening".*?"url":"([^"]+)"/.exec(stderr);
      if (match) {
        listening = true;
        resolve(match[1] as string);
      }
    });
    child.once("exit", (code) => reject(new Error(`cortex-mem-service exited (${code}) before listening:\n${stderr}`)));
  });
  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill("SIGTERM");
    const [code] = (await once(child, "exit")) as [number | null];
    return code;
  };
  return { url, pid: child.pid as number, child, stderr: () => stderr, stop };
}
