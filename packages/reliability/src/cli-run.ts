import { spawn } from "node:child_process";
import { binPaths } from "./bins.js";

/** How a `cortex-mem` run ended. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `cortex-mem` bin once with `args`, `env` and optional stdin; never rejects on a non-zero exit. */
export function runCli(args: string[], env: Record<string, string>, cwd: string, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPaths().cli, ...args], {
      env: { ...env, NO_COLOR: "1" },
      cwd,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}
