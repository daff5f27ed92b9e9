import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type Database from "better-sqlite3";
import { configureConnection } from "../store/sqlite/schema.js";
import { guard } from "../store/sqlite/sqlite-errors.js";
import type { UsageLedger } from "./usage-ledger.js";
import { migrateUsage } from "./usage-schema.js";
import type { UsageEntry, UsageQuery, UsageRow } from "./usage-types.js";

const require = createRequire(import.meta.url);

/** Settings of {@link SqliteUsageLedger}. */
export interface SqliteUsageLedgerOptions {
  /** The SQLite file, opened on a connection of its own (`:memory:` for a private one). */
  path: string;
  /** How long recorded calls wait in memory before one upsert transaction writes them (default 1000 ms; 0 writes each at once). */
  flushMs?: number;
}

const UPSERT = `INSERT INTO token_usage (day, operation, user_id, agent_id, model, calls, tokens_in, tokens_out, estimated_calls)
VALUES (@day, @operation, @userId, @agentId, @model, @calls, @tokensIn, @tokensOut, @estimatedCalls)
ON CONFLICT (day, operation, user_id, agent_id, model) DO UPDATE SET
  calls = calls + excluded.calls, tokens_in = tokens_in + excluded.tokens_in,
  tokens_out = tokens_out + excluded.tokens_out, estimated_calls = estimated_calls + excluded.estimated_calls`;

type Pending = Omit<UsageRow, "userId" | "agentId"> & { userId: string; agentId: string };

/**
 * The usage ledger in a SQLite file. `record` only adds to an in-memory aggregate (a map update,
 * nothing on the search path touches the disk); a timer writes the aggregate in one upsert
 * transaction every `flushMs`, and `rows`, `totals` and `close` flush first. A crash loses at most
 * the last `flushMs` of counts. Several processes may share the file: upserts add, never overwrite.
 */
export class SqliteUsageLedger implements UsageLedger {
  readonly path: string;
  readonly #db: Database.Database;
  readonly #flushMs: number;
  readonly #pending = new Map<string, Pending>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: SqliteUsageLedgerOptions) {
    this.path = options.path;
    this.#flushMs = options.flushMs ?? 1000;
    this.#db = guard(this.path, "open the usage table", () => {
      if (this.path !== ":memory:") mkdirSync(dirname(this.path), { recursive: true });
      const BetterSqlite3 = require("better-sqlite3") as typeof Database;
      const db = new BetterSqlite3(this.path);
      configureConnection(db);
      // Counting must never stall a request for long: a busy file keeps the counts for the next flush.
      db.pragma("busy_timeout = 1000");
      migrateUsage(db);
      return db;
    });
  }

  record(entry: UsageEntry): void {
    const row: Pending = {
      day: entry.at.toISOString().slice(0, 10),
      operation: entry.operation,
      model: entry.model,
      userId: entry.userId ?? "",
      agentId: entry.agentId ?? "",
      calls: entry.calls,
      tokensIn: entry.tokensIn,
      tokensOut: entry.tokensOut,
      estimatedCalls: entry.estimatedCalls,
    };
    this.#merge(row);
    if (this.#flushMs <= 0) this.#write();
    else this.#schedule();
  }

  #merge(row: Pending): void {
    const key = [row.day, row.operation, row.userId, row.agentId, row.model].join("\u0000");
    const held = this.#pending.get(key);
    if (!held) return void this.#pending.set(key, { ...row });
    held.calls += row.calls;
    held.tokensIn += row.tokensIn;
    held.tokensOut += row.tokensOut;
    held.estimatedCalls += row.estimatedCalls;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => this.#write(), Math.max(this.#flushMs, 100));
    this.#timer.unref();
  }

  #write(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size === 0 || !this.#db.open) return;
    const rows = [...this.#pending.values()];
    this.#pending.clear();
    try {
      const upsert = this.#db.prepare(UPSERT);
      this.#db.transaction(() => rows.forEach((r) => upsert.run(r)))();
    } catch {
      // A busy file: keep the counts for the next flush rather than lose them.
      for (const r of rows) this.#merge(r);
      this.#schedule();
    }
  }

  async flush(): Promise<void> {
    this.#write();
  }

  async rows(query: UsageQuery): Promise<UsageRow[]> {
    this.#write();
    const conditions: [keyof UsageQuery, string][] = [
      ["from", "day >= @from"],
      ["to", "day <= @to"],
      ["userId", "user_id = @userId"],
      ["agentId", "agent_id = @agentId"],
    ];
    const given = conditions.filter(([key]) => query[key] !== undefined);
    const where = given.map(([, sql]) => sql);
    const params = Object.fromEntries(given.map(([key]) => [key, query[key] as string]));
    const sql = `SELECT day, operation, model, user_id, agent_id, calls, tokens_in, tokens_out, estimated_calls
      FROM token_usage ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY day, user_id, agent_id, operation, model`;
    type Raw = Omit<UsageRow, "userId" | "agentId" | "tokensIn" | "tokensOut" | "estimatedCalls"> & {
      user_id: string;
      agent_id: string;
      tokens_in: number;
      tokens_out: number;
      estimated_calls: number;
    };
    const raw = guard(this.path, "read usage", () => this.#db.prepare(sql).all(params)) as Raw[];
    return raw.map((r) => ({
      day: r.day,
      operation: r.operation,
      model: r.model,
      userId: r.user_id === "" ? null : r.user_id,
      agentId: r.agent_id === "" ? null : r.agent_id,
      calls: r.calls,
      tokensIn: r.tokens_in,
      tokensOut: r.tokens_out,
      estimatedCalls: r.estimated_calls,
    }));
  }

  async totals(): Promise<{ operation: string; model: string; calls: number; tokensIn: number; tokensOut: number }[]> {
    this.#write();
    const sql = `SELECT operation, model, SUM(calls) AS calls, SUM(tokens_in) AS tokensIn, SUM(tokens_out) AS tokensOut
      FROM token_usage GROUP BY operation, model ORDER BY operation, model`;
    return guard(this.path, "read usage", () => this.#db.prepare(sql).all()) as {
      operation: string;
      model: string;
      calls: number;
      tokensIn: number;
      tokensOut: number;
    }[];
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    this.#write();
    this.#db.close();
  }
}
