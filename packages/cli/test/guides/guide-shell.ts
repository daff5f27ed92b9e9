import { spawn } from "node:child_process";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BIN } from "../helpers.js";

/** What one guide line left behind. */
export interface ShellRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Puts a `cortex-mem` script running the built CLI in `<home>/bin`, as the guides' alias does. */
export async function installShim(home: string): Promise<void> {
  await mkdir(join(home, "bin"), { recursive: true });
  await writeFile(join(home, "bin", "cortex-mem"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  await chmod(join(home, "bin", "cortex-mem"), 0o755);
}

/** Runs one guide line in bash, `cortex-mem` on the PATH and `home` as CORTEX_MEM_HOME. */
export function sh(command: string, home: string): Promise<ShellRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", command], {
      cwd: home,
      env: { PATH: `${join(home, "bin")}:${process.env.PATH ?? ""}`, HOME: home, CORTEX_MEM_HOME: home },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
