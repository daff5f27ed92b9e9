import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { isLoopbackHost, rejectForeignHost } from "../src/host-guard.js";

const req = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

describe("host guard", () => {
  it("knows the loopback names", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["0.0.0.0", "10.0.0.1", "example.com"]) expect(isLoopbackHost(host)).toBe(false);
  });

  it("accepts loopback Host/Origin and refuses foreign ones (DNS rebinding)", () => {
    expect(rejectForeignHost(req({ host: "127.0.0.1:3100" }))).toBeUndefined();
    expect(rejectForeignHost(req({ host: "localhost:3100", origin: "http://localhost:5173" }))).toBeUndefined();
    expect(rejectForeignHost(req({ host: "[::1]:3100" }))).toBeUndefined();
    expect(rejectForeignHost(req({ host: "attacker.example:3100" }))).toMatch(/Host/);
    expect(rejectForeignHost(req({ host: "127.0.0.1:3100", origin: "https://attacker.example" }))).toMatch(/Origin/);
    expect(rejectForeignHost(req({}))).toMatch(/Host/);
  });
});
