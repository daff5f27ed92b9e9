import * as z from "zod";
import { CortexMemError, ErrorCode } from "@cortex-mem/core";

const entityLine = z.object({
  type: z.literal("entity"),
  name: z.string().min(1),
  entityType: z.string().default("entity"),
  observations: z.array(z.string()).default([]),
});
const relationLine = z.object({
  type: z.literal("relation"),
  from: z.string().min(1),
  to: z.string().min(1),
  relationType: z.string().min(1),
});

/** An entity of the official MCP memory server's knowledge graph. */
export type McpEntity = z.infer<typeof entityLine>;
/** A relation of the official MCP memory server's knowledge graph. */
export type McpRelation = z.infer<typeof relationLine>;

/** The knowledge graph of an MCP memory server file, plus lines of other types that were skipped. */
export interface McpMemoryGraph {
  entities: McpEntity[];
  relations: McpRelation[];
  skipped: number;
}

/**
 * Parses the JSONL file of `@modelcontextprotocol/server-memory`: one
 * `{"type":"entity","name","entityType","observations":[...]}` or
 * `{"type":"relation","from","to","relationType"}` per line. A malformed line is a `VALIDATION`
 * error naming its number; lines of other types are counted and skipped.
 */
export function parseMcpMemoryGraph(text: string): McpMemoryGraph {
  const graph: McpMemoryGraph = { entities: [], relations: [], skipped: 0 };
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === "") return;
    const n = index + 1;
    let value: { type?: unknown };
    try {
      value = JSON.parse(raw) as { type?: unknown };
    } catch {
      throw new CortexMemError(
        ErrorCode.VALIDATION,
        `Line ${n} is not JSON; is this the MCP memory server's memory.jsonl?`,
        { details: [{ path: `line ${n}`, message: "invalid JSON" }] },
      );
    }
    const schema = value?.type === "entity" ? entityLine : value?.type === "relation" ? relationLine : undefined;
    if (!schema) {
      graph.skipped += 1;
      return;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CortexMemError(
        ErrorCode.VALIDATION,
        `Line ${n}: ${value.type as string} ${issue?.path.join(".") ?? ""} ${issue?.message ?? "is invalid"}`,
        {
          details: parsed.error.issues.map((i) => ({ path: `line ${n}.${i.path.join(".")}`, message: i.message })),
        },
      );
    }
    if (parsed.data.type === "entity") graph.entities.push(parsed.data);
    else graph.relations.push(parsed.data);
  });
  return graph;
}

/** The memory an observation becomes: `<entity>: <observation>`. */
export function observationContent(entity: McpEntity, observation: string): string {
  return `${entity.name}: ${observation.trim()}`;
}

/** The memory a relation becomes: `<from> <relation type, underscores as spaces> <to>`. */
export function relationContent(relation: McpRelation): string {
  return `${relation.from} ${relation.relationType.replace(/_/g, " ").trim()} ${relation.to}`;
}
