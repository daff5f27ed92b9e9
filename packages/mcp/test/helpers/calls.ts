import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import { expect } from "vitest";
import { toolErrorOf } from "../../src/tool-result.js";

type Check = (value: unknown) => { valid: boolean; errorMessage?: string | undefined };

const validator = new AjvJsonSchemaValidator();
const outputChecks = new WeakMap<Client, Promise<Map<string, Check>>>();

/** Lists the tools (which also arms the Client's own output validation) and compiles their output schemas once per client. */
export async function listTools(client: Client): Promise<Tool[]> {
  const { tools } = await client.listTools();
  outputChecks.set(
    client,
    Promise.resolve(
      new Map(tools.map((t) => [t.name, validator.getValidator(t.outputSchema as Record<string, unknown>) as Check])),
    ),
  );
  return tools;
}

const checksOf = (client: Client): Promise<Map<string, Check>> => {
  let checks = outputChecks.get(client);
  if (!checks) {
    checks = listTools(client).then(() => outputChecks.get(client)!);
    outputChecks.set(client, checks);
  }
  return checks;
};

/**
 * Calls a tool that must succeed. The SDK Client already rejects structuredContent outside the
 * declared schema; this checks it again with a separate validator so a silent skip cannot pass.
 */
export async function callOk(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const checks = await checksOf(client);
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
  const structured = result.structuredContent as Record<string, unknown>;
  const check = checks.get(name)!(structured);
  expect(check.errorMessage).toBeUndefined();
  expect(check.valid).toBe(true);
  const text = (result.content as { type: string; text: string }[])[0];
  expect(text?.type).toBe("text");
  expect(text?.text.length).toBeGreaterThan(0);
  return structured;
}

/** Calls a tool that must fail as a tool result (not a protocol error); returns the error it carries. */
export async function callError(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<{ code: string; message: string; details?: unknown }> {
  await checksOf(client);
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  const error = toolErrorOf(result as { isError?: boolean; content?: unknown });
  expect(error).toBeDefined();
  return error!;
}
