import { describe, expect, it } from "vitest";
import { allowedHostsFor, isLoopbackHost, rejectForeignHost } from "../../src/net/host-guard.js";
import { checkExposure } from "../../src/net/exposure.js";
import { isCortexMemError } from "../../src/errors.js";

const req = (headers: Record<string, string>) => ({ headers });

describe("host guard", () => {
  it("knows only real loopback addresses", () => {
    for (const host of [
      "127.0.0.1",
      "localhost",
      "::1",
      "[::1]",
      "127.0.0.2",
      "127.255.255.254",
      "0:0:0:0:0:0:0:1",
      "::ffff:127.0.0.1",
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      "0.0.0.0",
      "::",
      "10.0.0.1",
      "example.com",
      "127.evil.example",
      "127.0.0.1.rebind.attacker.example",
      "localhost.evil.example",
      "128.0.0.1",
      "::ffff:10.0.0.1",
      "127.0.0.1.",
      "",
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it("accepts loopback Host/Origin and refuses foreign and rebinding names", () => {
    expect(rejectForeignHost(req({ host: "127.0.0.1:3100" }))).toBeUndefined();
    expect(rejectForeignHost(req({ host: "localhost:3100", origin: "http://localhost:5173" }))).toBeUndefined();
    expect(rejectForeignHost(req({ host: "[::1]:3100" }))).toBeUndefined();
    for (const host of [
      "attacker.example:3100",
      "127.evil.example:3100",
      "127.0.0.1.rebind.attacker.example",
      "evil.example@127.0.0.1",
      "127.0.0.1/x",
      "127.0.0.1 x",
    ]) {
      expect(rejectForeignHost(req({ host })), host).toMatch(/Host/);
    }
    expect(rejectForeignHost(req({ host: "127.0.0.1:3100", origin: "https://attacker.example" }))).toMatch(/Origin/);
    expect(rejectForeignHost(req({ host: "127.0.0.1:3100", origin: "http://127.evil.example" }))).toMatch(/Origin/);
    expect(rejectForeignHost(req({ host: "127.0.0.1:3100", origin: "null" }))).toMatch(/Origin/);
    expect(rejectForeignHost(req({}))).toMatch(/Host/);
  });

  it("serves the names the user configured, and any with *", () => {
    const options = { allowedHosts: ["memory.lan", "http://Box.Local:8080"] };
    expect(
      rejectForeignHost(req({ host: "memory.lan:3000", origin: "http://box.local:8080" }), options),
    ).toBeUndefined();
    expect(rejectForeignHost(req({ host: "other.lan" }), options)).toMatch(/Host/);
    expect(rejectForeignHost(req({ host: "anything.example" }), { allowedHosts: ["*"] })).toBeUndefined();
    expect(allowedHostsFor("192.168.1.5", ["a"])).toEqual(["a", "192.168.1.5"]);
    expect(allowedHostsFor("0.0.0.0", [])).toEqual([]);
    expect(allowedHostsFor("127.0.0.1", [])).toEqual([]);
  });

  it("refuses a non-loopback bind without credentials unless the user consents", () => {
    const base = { what: "REST service", allowUnauthenticatedRemote: false };
    expect(() => checkExposure({ ...base, host: "127.0.0.1", authenticated: false })).not.toThrow();
    expect(() => checkExposure({ ...base, host: "0.0.0.0", authenticated: true })).not.toThrow();
    expect(() =>
      checkExposure({ ...base, host: "0.0.0.0", authenticated: false, allowUnauthenticatedRemote: true }),
    ).not.toThrow();
    try {
      checkExposure({ ...base, host: "0.0.0.0", authenticated: false });
      expect.unreachable();
    } catch (error) {
      expect(isCortexMemError(error, "CONFIG")).toBe(true);
    }
  });
});
