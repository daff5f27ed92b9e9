import type { MemoryManager } from "@cortex-mem/core";
import { CortexMemError, ErrorCode, parseOrThrow, toCortexMemError } from "@cortex-mem/core";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { CallToolResult, Tool, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import {
  CallToolRequestSchema,
  ErrorCode as RpcErrorCode,
  ListToolsRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import * as z from "zod";
import type { Logger } from "./logger.js";
import type { DefaultScope } from "./scope.js";
import { errorResult, okResult } from "./tool-result.js";

/** What every tool runs with: the engine, the server's default scope, a logger and the call's abort signal. */
export interface ToolContext {
  memory: MemoryManager;
  defaultScope: DefaultScope;
  logger: Logger;
  signal?: AbortSignal;
}

/** One tool as written: zod raw shapes for input and output, and a run that returns both renderings. */
export interface ToolSpec<I extends z.ZodRawShape, O extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations?: ToolAnnotations;
  /** `structured` is checked against `output` at run time (core's wire types are looser than the schemas). */
  run(
    args: z.output<z.ZodObject<I>>,
    ctx: ToolContext,
  ): Promise<{ structured: { [K in keyof O]: unknown }; text: string }>;
}

/**
 * A tool ready to serve: its MCP listing (JSON Schemas, built on first read: a session that never
 * lists tools does not pay for them) and a call that never throws for tool failures.
 */
export interface McpTool {
  name: string;
  readonly listing: Tool;
  call(args: unknown, ctx: ToolContext): Promise<CallToolResult>;
}

const CALLER_ERRORS: ReadonlySet<string> = new Set([ErrorCode.VALIDATION, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT]);

const jsonSchema = (schema: z.ZodObject, io: "input" | "output"): Tool["inputSchema"] =>
  z.toJSONSchema(schema, { target: "draft-7", io }) as Tool["inputSchema"];

/**
 * Turns a {@link ToolSpec} into an {@link McpTool}. Input is parsed strictly with core's
 * `parseOrThrow`, so bad input — an unknown argument too, named with "did you mean" — is a
 * `VALIDATION` tool error with per-field details (the SDK's own validation would only give a
 * message); the listed input schema says `additionalProperties: false` to match. Output is parsed with the declared schema before it leaves, so
 * `structuredContent` always matches what `tools/list` promised.
 */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(spec: ToolSpec<I, O>): McpTool {
  const input = z.strictObject(spec.input);
  const output = z.object(spec.output);
  let listing: Tool | undefined;
  const list = (): Tool =>
    (listing ??= {
      name: spec.name,
      title: spec.title,
      description: spec.description,
      inputSchema: jsonSchema(input, "input"),
      outputSchema: jsonSchema(output, "output"),
      ...(spec.annotations ? { annotations: { title: spec.title, ...spec.annotations } } : {}),
    });
  const call = async (args: unknown, ctx: ToolContext): Promise<CallToolResult> => {
    try {
      const parsed = parseOrThrow(input, args ?? {}, `${spec.name} arguments`);
      const { structured, text } = await spec.run(parsed, ctx);
      const checked = output.safeParse(structured);
      if (!checked.success) {
        ctx.logger.error(`${spec.name} produced output outside its schema`, {
          issues: checked.error.issues.slice(0, 5),
        });
        throw new CortexMemError(ErrorCode.INTERNAL, `${spec.name} produced an invalid result`);
      }
      return okResult(checked.data as Record<string, unknown>, text);
    } catch (error) {
      const e = toCortexMemError(error);
      // The caller's mistakes are the model's to fix; everything else is the operator's to see.
      ctx.logger[CALLER_ERRORS.has(e.code) ? "debug" : "warn"](`${spec.name} failed`, {
        code: e.code,
        message: e.message,
      });
      return errorResult(e);
    }
  };
  return {
    name: spec.name,
    get listing() {
      return list();
    },
    call,
  };
}

/** Serves `tools/list` and `tools/call` for `tools` on a low-level SDK server; an unknown tool name is a protocol error. */
export function installTools(server: Server, tools: McpTool[], ctx: Omit<ToolContext, "signal">): void {
  const byName = new Map(tools.map((t) => [t.name, t]));
  server.registerCapabilities({ tools: { listChanged: false } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: tools.map((t) => t.listing) }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = byName.get(request.params.name);
    // A plain error carrying the JSON-RPC code: the SDK sends its message as is, and the client's
    // McpError adds "MCP error -32602: " once (an McpError here would carry that prefix already).
    if (!tool)
      throw Object.assign(
        new Error(`Unknown tool ${request.params.name}; call tools/list for the ${tools.length} tools`),
        { code: RpcErrorCode.InvalidParams },
      );
    ctx.logger.debug(`call ${tool.name}`);
    return tool.call(request.params.arguments, { ...ctx, signal: extra.signal });
  });
}
