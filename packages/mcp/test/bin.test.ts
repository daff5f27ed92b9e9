import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { onCleanup, tempHome } from "./helpers/home.js";
import { BIN } from "./helpers/paths.js";

async function run(args: string[], home: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: home,
    env: { PATH: process.env.PATH ?? "", HOME: home, CORTEX_MEM_HOME: home },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}

describe("cortex-mem-mcp command line", () => {
  it("prints help and version on stdout and exits 0", async () => {
    const home = tempHome();
    const help = await run(["--help"], home);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(/--user-id <id>/);
    expect((await run(["-v"], home)).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("exits 2 with usage on stderr for an unknown flag, writing nothing to stdout", async () => {
    const result = await run(["--user", "x"], tempHome());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/Unknown option '--user'[\s\S]*Usage:/);
  });

  it("exits with the CONFIG exit code for a missing config file or a taken port", async () => {
    const home = tempHome();
    const missing = await run(["-c", "nope.toml"], home);
    expect(missing.code).toBe(6);
    expect(missing.stderr).toMatch(/^cortex-mem-mcp: CONFIG: /);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    onCleanup(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const taken = await run(["--http", "--port", String((blocker.address() as AddressInfo).port)], home);
    expect(taken.code).toBe(6);
    expect(taken.stderr).toMatch(/CONFIG: Cannot listen on 127\.0\.0\.1/);
  });

  it("refuses --http on a non-loopback address (no credentials) unless --allow-unauthenticated-remote", async () => {
    const refused = await run(["--http", "--host", "0.0.0.0", "--port", "0"], tempHome());
    expect(refused.code).toBe(6);
    expect(refused.stderr).toMatch(
      /CONFIG: Refusing to start the MCP HTTP server on 0\.0\.0\.0 without authentication/,
    );
  });

  it("stops the HTTP server on SIGTERM and exits 0", async () => {
    const home = tempHome();
    const child = spawn(process.execPath, [BIN, "--http", "--port", "0"], {
      cwd: home,
      env: { PATH: process.env.PATH ?? "", HOME: home, CORTEX_MEM_HOME: home },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    await new Promise<void>((resolve) =>
      child.stderr.on("data", (c: Buffer) => {
        stderr += c.toString();
        if (stderr.includes("ready")) resolve();
      }),
    );
    child.kill("SIGTERM");
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/ (warn|error) /);
  });
});
