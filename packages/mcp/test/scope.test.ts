import { isCortexMemError } from "@cortex-mem/core";
import { describe, expect, it } from "vitest";
import { defaultScopeFrom, requireToolScope, withDefaultScope } from "../src/index.js";

describe("default scope", () => {
  it("fills each missing part from the defaults, keeping what the call gave", () => {
    expect(
      withDefaultScope({ query: "q" } as { query: string; user_id?: string }, { userId: "alice", agentId: "helper" }),
    ).toEqual({ query: "q", user_id: "alice", agent_id: "helper" });
    expect(withDefaultScope({ user_id: "bob" }, { userId: "alice", agentId: "helper" })).toEqual({
      user_id: "bob",
      agent_id: "helper",
    });
    expect(withDefaultScope({ user_id: "  " }, {})).toEqual({ user_id: "  " });
  });

  it("requires a user or an agent, with a VALIDATION error pointing at user_id", () => {
    expect(requireToolScope({ agent_id: "helper" }, {})).toEqual({ agent_id: "helper" });
    try {
      requireToolScope({ run_id: "r1" }, {});
      expect.unreachable();
    } catch (error) {
      expect(isCortexMemError(error, "VALIDATION")).toBe(true);
      expect((error as { details: unknown }).details).toEqual([expect.objectContaining({ path: "user_id" })]);
    }
  });

  it("reads flags first, then CORTEX_MEM_USER_ID / CORTEX_MEM_AGENT_ID, ignoring blanks", () => {
    const env = { CORTEX_MEM_USER_ID: "env-user", CORTEX_MEM_AGENT_ID: "env-agent" };
    expect(defaultScopeFrom({ userId: "flag-user" }, env)).toEqual({ userId: "flag-user", agentId: "env-agent" });
    expect(defaultScopeFrom({}, env)).toEqual({ userId: "env-user", agentId: "env-agent" });
    expect(defaultScopeFrom({ userId: " " }, { CORTEX_MEM_USER_ID: "" })).toEqual({});
  });
});
