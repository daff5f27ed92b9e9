import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import { expect } from "vitest";
import { toolErrorOf } from "../../src/tool-result.js";

const validator = new AjvJsonSchemaValidator();
const outputSchemas = new WeakMap<Client, Map<string, Record<string, unknown>>>();

/** Lists the tools (which also arms the Client's own output validation) and keeps their output schemas. */
export async function listTools(client: Client) {
  const { tools } = await client.listTools();
  outputSchemas.set(client, new Map(tools.map((t) => [t.name, t.outputSchema as Record<string, unknown>])));
  return tools;
}

/**
 * Calls a tool that must succeed. The SDK Client already rejects structuredContent outside the
 * declared schema; this checks it again with a separate validator so a silent skip cannot pass.
 */
export async function callOk(client: Client, name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (!outputSchemas.has(client)) await listTools(client);
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
  const structured = result.structuredContent as Record<string, unknown>;
  const check = validator.getValidator(outputSchemas.get(client)!.get(name)!)(structured);
  expect(check.errorMessage).toBeUndefined();
  expect(check.valid).toBe(true);
  const text = (result.content as { type: string; text: string }[])[0];
  expect(text?.type).toBe("text");
  expect(text?.text.length).toBeGreaterThan(0);
  return structured;
}

/** Calls a tool that must fail as a tool result (not a protocol error); returns the error it carries. */
export async function callError(client: Client, name: string, args: Record<string, unknown>): Promise<{ code: string; message: string; details?: unknown }> {
  if (!outputSchemas.has(client)) await listTools(client);
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  const error = toolErrorOf(result);
  expect(error).toBeDefined();
  return error!;
}
