import { AsyncLocalStorage } from "node:async_hooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  currentUsageContext,
  inUsageFrame,
  reportProviderUsage,
  withUsageContext,
} from "../../src/usage/usage-context.js";

const later = (ms = 2): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise and the function that settles it. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("usage contexts: the async hooks are off once no run is left", () => {
  it("keeps a run's context across awaits while another run ends, and disables the storages after the last", async () => {
    const disable = vi.spyOn(AsyncLocalStorage.prototype, "disable");
    const first = gate();
    const second = gate();
    const a = withUsageContext({ phase: "a" }, async () => {
      await first.wait;
      return currentUsageContext()?.phase;
    });
    const b = withUsageContext({ phase: "b", userId: "u" }, async () => {
      await second.wait;
      await later();
      const frame = await inUsageFrame(async () => {
        await later();
        reportProviderUsage({ tokensIn: 3, tokensOut: 1 });
        return currentUsageContext();
      });
      return { context: currentUsageContext(), frame };
    });
    first.open();
    expect(await a).toBe("a");
    await later();
    expect(disable).not.toHaveBeenCalled();
    second.open();
    const seen = await b;
    expect(seen.context).toEqual({ phase: "b", userId: "u" });
    expect(seen.frame.value).toEqual({ phase: "b", userId: "u" });
    expect(seen.frame.frame).toMatchObject({ requests: 1, tokensIn: 3, tokensOut: 1 });
    expect(disable).toHaveBeenCalled();
    expect(currentUsageContext()).toBeUndefined();
  });

  it("turns the storages on again for the next run, and counts runs that throw or return at once", async () => {
    const disable = vi.spyOn(AsyncLocalStorage.prototype, "disable");
    expect(() =>
      withUsageContext({ phase: "throws" }, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(withUsageContext({ phase: "sync" }, () => currentUsageContext()?.phase)).toBe("sync");
    await expect(
      withUsageContext({ phase: "rejects" }, async () => {
        await later();
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    disable.mockClear();
    const inner = gate();
    const run = withUsageContext({ phase: "again" }, async () => {
      await inner.wait;
      await later();
      return currentUsageContext()?.phase;
    });
    await later();
    expect(disable).not.toHaveBeenCalled();
    inner.open();
    expect(await run).toBe("again");
    expect(disable).toHaveBeenCalled();
  });
});
